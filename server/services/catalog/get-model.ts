import 'server-only';
import { asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { modelNameKey } from '@/lib/model-name-key';
import { modelCardCompleteness } from '@/lib/validation/catalog';
import { aliases, aliasHistory, modelVersions, registeredModels, releaseRequests, users } from '@/server/db/schema';
import { NotFoundError } from '@/server/errors';
import { can } from '@/lib/permissions';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { reference } from '../releases/request-state';
import { parseInput } from '../validate';

const ref = z.object({ modelId: z.string().trim().min(1).max(200) });

/** A model by id or by name (the REST API lets CI jobs use names). */
export async function resolveModel(db: VerbArgs<unknown>['ctx']['db'], idOrName: string) {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrName);
  const [model] = await db
    .select()
    .from(registeredModels)
    .where(isUuid ? eq(registeredModels.id, idOrName) : eq(registeredModels.nameKey, modelNameKey(idOrName)));
  if (!model) throw new NotFoundError(`No model “${idOrName}”.`);
  return model;
}

/** The search vector is an index column, not something to send to clients. */
export function withoutSearch<T extends { search: unknown }>(row: T): Omit<T, 'search'> {
  const { search: _search, ...rest } = row;
  return rest;
}

export async function getModel({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'catalog.read');
  const { modelId } = parseInput(ref, input);
  const model = await resolveModel(ctx.db, modelId);
  const [creator] = await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, model.createdBy));
  // Each version's newest release request, joined into the versions query (one query, not one per version).
  const latestRelease = ctx.db
    .selectDistinctOn([releaseRequests.versionId], {
      versionId: releaseRequests.versionId,
      id: releaseRequests.id,
      number: releaseRequests.number,
      kind: releaseRequests.kind,
      alias: releaseRequests.alias,
      state: releaseRequests.state,
    })
    .from(releaseRequests)
    .where(eq(releaseRequests.modelId, model.id))
    .orderBy(releaseRequests.versionId, desc(releaseRequests.createdAt), desc(releaseRequests.number))
    .as('latest_release');
  const versions = await ctx.db
    .select({
      id: modelVersions.id,
      version: modelVersions.version,
      description: modelVersions.description,
      contentDigest: modelVersions.contentDigest,
      totalBytes: modelVersions.totalBytes,
      metrics: modelVersions.metrics,
      modelCard: modelVersions.modelCard,
      submittedAt: modelVersions.submittedAt,
      hasReferenceDataset: sql<boolean>`${modelVersions.referenceDatasetId} is not null`,
      createdAt: modelVersions.createdAt,
      createdByName: users.name,
      release: { id: latestRelease.id, number: latestRelease.number, kind: latestRelease.kind, alias: latestRelease.alias, state: latestRelease.state },
    })
    .from(modelVersions)
    .innerJoin(users, eq(users.id, modelVersions.createdBy))
    .leftJoin(latestRelease, eq(latestRelease.versionId, modelVersions.id))
    .where(eq(modelVersions.modelId, model.id))
    .orderBy(desc(modelVersions.version));
  const currentAliases = await ctx.db
    .select({ name: aliases.name, version: modelVersions.version, protected: aliases.protected, updatedAt: aliases.updatedAt })
    .from(aliases)
    .innerJoin(modelVersions, eq(modelVersions.id, aliases.versionId))
    .where(eq(aliases.modelId, model.id))
    .orderBy(asc(aliases.name));
  // Release requests are for people with a role (as releases.list); someone signed in without one sees none.
  const seesReleases = can(user, 'release.read');
  const history = await ctx.db.select().from(aliasHistory).where(eq(aliasHistory.modelId, model.id)).orderBy(desc(aliasHistory.movedAt)).limit(200);
  return {
    model: { ...withoutSearch(model), createdByName: creator?.name ?? 'unknown' },
    versions: versions.map(({ modelCard, release, ...v }) => ({
      ...v,
      release: seesReleases && release ? { id: release.id, reference: reference(release), kind: release.kind, alias: release.alias, state: release.state } : null,
      aliases: currentAliases.filter((a) => a.version === v.version).map((a) => a.name),
      cardCompleteness: modelCardCompleteness(modelCard),
    })),
    aliases: currentAliases,
    aliasHistory: history,
  };
}
