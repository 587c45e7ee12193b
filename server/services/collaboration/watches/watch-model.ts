// Watching a model: its watchers hear of new versions and (if they may read monitoring) of alerts
// opened on it. Anyone signed in may watch any model, since everyone may see the catalog. Watching
// twice, or unwatching a model one does not watch, changes nothing and writes no audit row.
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { watchModelSchema } from '@/lib/validation/notifications';
import type { DbOrTx } from '@/server/db/connect';
import { modelWatches, registeredModels } from '@/server/db/schema';
import type { NewDomainEvent } from '@/server/events/types';
import { NotFoundError } from '@/server/errors';
import { requireCapability } from '../../authorize';
import type { VerbArgs } from '../../context';
import { mutate } from '../../mutate';
import { parseInput } from '../../validate';

/** Watcher counts are public to every signed-in person; the watch state sits under `notifications`. */
const WATCHES_CHANGED = (modelId: string): NewDomainEvent => ({ type: 'watches.changed', entityId: modelId, topics: ['notifications'], audience: 'all' });

async function findModel(db: DbOrTx, modelId: string) {
  const [model] = await db.select({ id: registeredModels.id, name: registeredModels.name }).from(registeredModels).where(eq(registeredModels.id, modelId));
  if (!model) throw new NotFoundError('This model does not exist.');
  return model;
}

async function watcherCount(db: DbOrTx, modelId: string) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(modelWatches).where(eq(modelWatches.modelId, modelId));
  return row?.n ?? 0;
}

export async function watchModel({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'session.use');
  const { modelId } = parseInput(watchModelSchema, input);
  return mutate(ctx, async (w) => {
    const model = await findModel(w.tx, modelId);
    const added = await w.tx.insert(modelWatches).values({ userId: user.id, modelId }).onConflictDoNothing().returning({ modelId: modelWatches.modelId });
    if (added.length > 0) {
      await w.audit({ action: 'model.watched', entityType: 'registered_model', entityId: modelId, after: { model: model.name, watcher: user.name } });
      w.publish(WATCHES_CHANGED(modelId));
    }
    return { watching: true, watchers: await watcherCount(w.tx, modelId), changed: added.length > 0 };
  });
}

export async function unwatchModel({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'session.use');
  const { modelId } = parseInput(watchModelSchema, input);
  return mutate(ctx, async (w) => {
    const model = await findModel(w.tx, modelId);
    const removed = await w.tx
      .delete(modelWatches)
      .where(and(eq(modelWatches.userId, user.id), eq(modelWatches.modelId, modelId)))
      .returning({ modelId: modelWatches.modelId });
    if (removed.length > 0) {
      await w.audit({ action: 'model.unwatched', entityType: 'registered_model', entityId: modelId, before: { model: model.name, watcher: user.name } });
      w.publish(WATCHES_CHANGED(modelId));
    }
    return { watching: false, watchers: await watcherCount(w.tx, modelId), changed: removed.length > 0 };
  });
}

/** Whether I watch the model, and how many people do. */
export async function watchState({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'session.use');
  const { modelId } = parseInput(watchModelSchema, input);
  await findModel(ctx.db, modelId);
  const [mine, watchers] = await Promise.all([
    ctx.db.select({ modelId: modelWatches.modelId }).from(modelWatches).where(and(eq(modelWatches.userId, user.id), eq(modelWatches.modelId, modelId))),
    watcherCount(ctx.db, modelId),
  ]);
  return { watching: mine.length > 0, watchers };
}
