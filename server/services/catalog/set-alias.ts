import 'server-only';
import { and, eq } from 'drizzle-orm';
import { setAliasSchema } from '@/lib/validation/catalog';
import type { Tx } from '@/server/db/connect';
import { aliases, aliasHistory, modelVersions, PROTECTED_ALIASES } from '@/server/db/schema';
import { ForbiddenError, NotFoundError } from '@/server/errors';
import type { AuditInput } from '@/server/audit/emit';
import { requireCapability } from '../authorize';
import type { SessionUser, VerbArgs } from '../context';
import { mutate } from '../mutate';
import { parseInput } from '../validate';
import { CATALOG_CHANGED } from './events';
import { findVersion } from './find-version';

const isProtectedAlias = (name: string) => (PROTECTED_ALIASES as readonly string[]).includes(name);

/**
 * Moves (or removes) an alias and records the move. The release workflow calls this for protected
 * aliases after an approval; people call setAlias, which refuses protected ones.
 */
export async function moveAlias(
  tx: Tx,
  audit: (input: AuditInput) => Promise<unknown>,
  by: SessionUser,
  move: { modelId: string; alias: string; version: number | null; reason?: string | null },
) {
  const [current] = await tx
    .select({ alias: aliases, version: modelVersions.version })
    .from(aliases)
    .innerJoin(modelVersions, eq(modelVersions.id, aliases.versionId))
    .where(and(eq(aliases.modelId, move.modelId), eq(aliases.name, move.alias)))
    .for('update', { of: aliases });
  const fromVersion = current?.version ?? null;
  if (move.version === null) {
    if (!current) throw new NotFoundError(`This model has no “${move.alias}” alias.`);
    await tx.delete(aliases).where(and(eq(aliases.modelId, move.modelId), eq(aliases.name, move.alias)));
  } else {
    const { version } = await findVersion(tx, move.modelId, move.version);
    const values = { versionId: version.id, protected: isProtectedAlias(move.alias), updatedBy: by.id, updatedAt: new Date() };
    await tx
      .insert(aliases)
      .values({ modelId: move.modelId, name: move.alias, ...values })
      .onConflictDoUpdate({ target: [aliases.modelId, aliases.name], set: values });
  }
  await tx.insert(aliasHistory).values({ modelId: move.modelId, alias: move.alias, fromVersion, toVersion: move.version, movedBy: by.id, movedByName: by.name, reason: move.reason ?? null });
  await audit({
    action: move.version === null ? 'alias.removed' : 'alias.moved',
    entityType: 'registered_model',
    entityId: move.modelId,
    before: { alias: move.alias, version: fromVersion },
    after: { alias: move.alias, version: move.version },
    reason: move.reason ?? null,
  });
}

export async function setAlias({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'alias.move');
  const data = parseInput(setAliasSchema, input);
  if (isProtectedAlias(data.alias)) {
    throw new ForbiddenError(`“${data.alias}” is a protected alias: it moves only when a release request is approved.`);
  }
  return mutate(ctx, async ({ tx, audit, publish }) => {
    await moveAlias(tx, audit, user, data);
    publish(CATALOG_CHANGED(data.modelId));
    return { alias: data.alias, version: data.version };
  });
}
