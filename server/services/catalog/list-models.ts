// The catalog page's query: search, filters, sort and server-side pagination in one statement.
import 'server-only';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { listModelsSchema } from '@/lib/validation/catalog';
import { registeredModels } from '@/server/db/schema';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { parseInput } from '../validate';

/** "churn risk" -> 'churn:* & risk:*' (prefix match on every word; punctuation dropped). */
function searchQuery(q: string): string | null {
  const words = q
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}

export async function listModels({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'catalog.read');
  const f = parseInput(listModelsSchema, input ?? {});
  const m = registeredModels;
  const tsquery = f.q ? searchQuery(f.q) : null;
  const [tagKey, tagValue] = f.tag ? (f.tag.includes(':') ? [f.tag.slice(0, f.tag.indexOf(':')), f.tag.slice(f.tag.indexOf(':') + 1)] : [f.tag, undefined]) : [];
  const where: (SQL | undefined)[] = [
    tsquery ? sql`${m.search} @@ to_tsquery('simple', ${tsquery})` : undefined,
    f.ownerTeam ? eq(m.ownerTeam, f.ownerTeam) : undefined,
    f.taskType ? eq(m.taskType, f.taskType) : undefined,
    f.riskTier ? eq(m.riskTier, f.riskTier) : undefined,
    f.alias ? sql`exists (select 1 from aliases a where a.model_id = registered_models.id and a.name = ${f.alias.toLowerCase()})` : undefined,
    tagKey ? sql`${m.tags} @> ${JSON.stringify([tagValue === undefined ? { key: tagKey } : { key: tagKey, value: tagValue }])}::jsonb` : undefined,
  ];
  const dir = f.direction === 'asc' ? asc : desc;
  const order = { updated: [dir(m.updatedAt)], name: [dir(m.nameKey)], created: [dir(m.createdAt)], versions: [dir(m.latestVersion), asc(m.nameKey)] }[f.sort];

  // The page and the total as two indexed queries, side by side: a window count(*) over the whole
  // match set was three times slower on 10,000 models.
  const pageQuery = ctx.db
    .select({
      id: m.id,
      name: m.name,
      description: sql<string>`left(${m.description}, 280)`,
      ownerTeam: m.ownerTeam,
      taskType: m.taskType,
      riskTier: m.riskTier,
      tags: m.tags,
      latestVersion: m.latestVersion,
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
      aliases: sql<{ name: string; version: number }[]>`(
        select coalesce(jsonb_agg(jsonb_build_object('name', a.name, 'version', v.version) order by a.name), '[]'::jsonb)
        from aliases a join model_versions v on v.id = a.version_id where a.model_id = registered_models.id)`,
    })
    .from(m)
    .where(and(...where))
    .orderBy(...order, asc(m.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [items, total] = await Promise.all([pageQuery, countModels(ctx, where)]);
  return { items, total, page: f.page, pageSize: f.pageSize };
}

async function countModels(ctx: VerbArgs<unknown>['ctx'], where: (SQL | undefined)[]) {
  const [row] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(registeredModels).where(and(...where));
  return row?.n ?? 0;
}

/** Values for the catalog's filter menus. */
export async function catalogFacets({ ctx }: VerbArgs<void>) {
  requireCapability(ctx, 'catalog.read');
  const teams = await ctx.db.selectDistinct({ team: registeredModels.ownerTeam }).from(registeredModels).orderBy(registeredModels.ownerTeam);
  const aliasNames = await ctx.db.execute(sql`select distinct name from aliases order by name`);
  return { ownerTeams: teams.map((t) => t.team), aliases: (aliasNames as unknown as { name: string }[]).map((a) => a.name) };
}
