// Ground truth for earlier events, by event_id; labels may arrive days later and may be corrected.
import 'server-only';
import type { Sql } from 'postgres';
import type { VerbArgs } from '../context';
import { requireIngestionWrite } from './access';
import { labelBatchOf } from './batches';
import { findDeployment } from './deployments';
import { MONITORING_CHANGED } from './events';

export type LabelResult = { stored: number; rejected: { index: number; event_id: unknown; reason: string }[] };

/** Stores ground-truth labels sent with a deployment's ingestion key (write scope). */
export async function attachLabels({ ctx, input }: VerbArgs<unknown>): Promise<LabelResult> {
  const principal = requireIngestionWrite(ctx, 'Labels');
  const { db, bus } = ctx;
  const { deployment, taskType } = await findDeployment(db, principal.deploymentId);
  const { valid, rejected } = labelBatchOf(input, taskType);
  const result: LabelResult = { stored: 0, rejected };
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
