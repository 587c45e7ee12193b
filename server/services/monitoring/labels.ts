// Ground truth for earlier events, by event_id; labels may arrive days later and may be corrected.
import 'server-only';
import { keyCan } from '@/lib/permissions';
import type { Sql } from 'postgres';
import type { Database } from '@/server/db/connect';
import { env } from '@/server/env';
import { ForbiddenError, PayloadTooLargeError, ValidationError } from '@/server/errors';
import type { EventBus } from '@/server/events/types';
import { findDeployment } from './deployments';
import { MONITORING_CHANGED } from './events';
import type { IngestionPrincipal } from './ingestion-keys';

export type LabelResult = { stored: number; rejected: { index: number; event_id: unknown; reason: string }[] };

export async function attachLabels(db: Database, bus: EventBus, principal: IngestionPrincipal, body: unknown): Promise<LabelResult> {
  if (!keyCan(principal.scopes, 'prediction.ingest')) throw new ForbiddenError(`Key ${principal.prefix}… may only read; labels need the write scope.`);
  const list = Array.isArray(body) ? body : body && typeof body === 'object' ? (body as { labels?: unknown }).labels : undefined;
  if (!Array.isArray(list) || list.length === 0) throw new ValidationError('The body must be JSON: { "labels": [ { "event_id": "...", "label": "yes" | 0.42 }, ... ] }.');
  if (list.length > env.INGEST_MAX_BATCH) throw new PayloadTooLargeError(`A batch holds at most ${env.INGEST_MAX_BATCH} labels; this one has ${list.length}.`);
  const { deployment, taskType } = await findDeployment(db, principal.deploymentId);
  const result: LabelResult = { stored: 0, rejected: [] };
  const valid: { index: number; eventId: string; label: string | null; value: number | null }[] = [];
  list.forEach((item: unknown, index) => {
    const l = (item ?? {}) as { event_id?: unknown; label?: unknown };
    if (typeof l.event_id !== 'string' || l.event_id.length === 0 || l.event_id.length > 128) return result.rejected.push({ index, event_id: l.event_id, reason: 'event_id must be a string of 1 to 128 characters.' });
    if (taskType === 'regression') {
      if (typeof l.label !== 'number' || !Number.isFinite(l.label)) return result.rejected.push({ index, event_id: l.event_id, reason: 'label must be a finite number for a regression model.' });
      return valid.push({ index, eventId: l.event_id, label: null, value: l.label });
    }
    if (typeof l.label !== 'string' || l.label.length === 0 || l.label.length > 256) return result.rejected.push({ index, event_id: l.event_id, reason: 'label must be the true class label (a string).' });
    return valid.push({ index, eventId: l.event_id, label: l.label, value: null });
  });
  if (valid.length > 0) {
    const sql = db.$client as Sql;
    const stored = await sql<{ event_id: string }[]>`
      insert into prediction_labels (deployment_id, event_id, ts, version_id, label, value)
      select ids.deployment_id, ids.event_id, ids.ts, ids.version_id, l.label, l.value
      from json_to_recordset(${JSON.stringify(valid.map((v) => ({ event_id: v.eventId, label: v.label, value: v.value })))}::json) as l(event_id text, label text, value float8)
      join prediction_event_ids ids on ids.deployment_id = ${deployment.id} and ids.event_id = l.event_id
      on conflict (deployment_id, event_id) do update set label = excluded.label, value = excluded.value, received_at = now()
      returning event_id`;
    const found = new Set(stored.map((r) => r.event_id));
    for (const v of valid) if (!found.has(v.eventId)) result.rejected.push({ index: v.index, event_id: v.eventId, reason: 'no event with this event_id was received by this deployment (or it is past the retention period).' });
    result.stored = found.size;
  }
  result.rejected.sort((a, b) => a.index - b.index);
  if (result.stored > 0) await bus.publish([{ ...MONITORING_CHANGED(deployment.id), at: new Date().toISOString() }]).catch(() => {});
  return result;
}
