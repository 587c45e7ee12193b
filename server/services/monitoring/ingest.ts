// Prediction event ingestion: a batch from a deployment's key is checked event by event against the
// attributed version's schemas; valid events are stored once (idempotent by event_id within the
// deployment; the same id with other content is a conflict), their per-minute aggregates updated,
// all in one transaction that commits before the caller answers 2xx.
import 'server-only';
import { hash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Sql } from 'postgres';
import { LATENCY_BUCKETS, latencyBucket } from '@/lib/monitoring/latency';
import { checkEvent, isRefusal, layoutOf, type CheckedEvent, type Layout, type VersionShape } from '@/lib/monitoring/events';
import type { Database } from '@/server/db/connect';
import { aliases, aliasHistory, modelVersions } from '@/server/db/schema';
import { env } from '@/server/env';
import { ensureEventPartitions } from './partitions';
import { findDeployment } from './deployments';
import { MONITORING_CHANGED } from './events';
import type { VerbArgs } from '../context';
import { requireIngestionWrite } from './access';
import { eventBatchOf } from './batches';
import { packedHex } from '@/server/db/packed';

export type IngestResult = {
  accepted: number;
  duplicates: number;
  rejected: { index: number; event_id: unknown; reasons: string[] }[];
  conflicts: { index: number; event_id: string; reason: string }[];
};

type Attributed = { index: number; event: CheckedEvent; shape: VersionShape; layout: Layout; row: string; hash: string };

/** Versions by number and the alias's history, to attribute each event to the version that served it. */
async function attribution(db: Database, modelId: string, alias: string, taskType: VersionShape['taskType']) {
  const [versions, history, [current]] = await Promise.all([
    db.select({ id: modelVersions.id, version: modelVersions.version, inputSchema: modelVersions.inputSchema, outputSchema: modelVersions.outputSchema }).from(modelVersions).where(eq(modelVersions.modelId, modelId)),
    db.select({ toVersion: aliasHistory.toVersion, movedAt: aliasHistory.movedAt }).from(aliasHistory).where(and(eq(aliasHistory.modelId, modelId), eq(aliasHistory.alias, alias))).orderBy(asc(aliasHistory.movedAt)),
    db.select({ versionId: aliases.versionId }).from(aliases).where(and(eq(aliases.modelId, modelId), eq(aliases.name, alias))),
  ]);
  const shapes = new Map<number, { shape: VersionShape; layout: Layout } | null>();
  for (const v of versions) {
    shapes.set(v.version, v.inputSchema ? { shape: { versionId: v.id, taskType, input: v.inputSchema, output: v.outputSchema }, layout: layoutOf(v.inputSchema) } : null);
  }
  const currentNumber = versions.find((v) => v.id === current?.versionId)?.version ?? null;
  const at = (ts: Date): number | null => {
    // The last move at or before ts; with no recorded moves, the alias's current holder.
    let lo = 0;
    let hi = history.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((history[mid]?.movedAt.getTime() ?? 0) <= ts.getTime()) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (history.length === 0) return currentNumber;
    return found >= 0 ? (history[found]?.toVersion ?? null) : null;
  };
  return { shapes, at };
}

const minuteOf = (d: Date) => Math.floor(d.getTime() / 60_000) * 60_000;

/** An event's stored row, as one JSON object of the insert document (fixed key order). */
function rowJson(e: CheckedEvent, versionId: string): string {
  // Numeric values travel packed, as hex (NaN, a missing value, stays NaN); see packed.ts.
  return JSON.stringify({ ts: e.ts.toISOString(), event_id: e.eventId, version_id: versionId, numeric: packedHex(e.numeric), categorical: e.categorical, prediction_label: e.predictionLabel, prediction_value: e.predictionValue, probabilities: e.probabilities, latency_ms: e.latencyMs });
}

/**
 * The content hash stored with an event id: SHA-256 of the event's stored row, tagged `2:`. The
 * row is built anyway for the insert, so hashing it costs one digest and no second serialisation.
 */
const contentHash = (row: string): string => `2:${hash('sha256', row, 'hex')}`;

/** The hash stored before the `2:` form (untagged); still read, so replays of old events stay duplicates. */
export function legacyContentHash(e: CheckedEvent, versionId: string): string {
  return hash('sha256', JSON.stringify([e.eventId, e.ts.toISOString(), versionId, e.numeric.map((x) => (Number.isNaN(x) ? null : x)), e.categorical, e.predictionLabel, e.predictionValue, e.probabilities, e.latencyMs]), 'hex');
}

/** Whether a stored hash (either form) is this event's. */
const sameContent = (stored: string | undefined, c: Attributed): boolean =>
  stored !== undefined && (stored.startsWith('2:') ? stored === c.hash : stored === legacyContentHash(c.event, c.shape.versionId));


type Minute = { deploymentId: string; versionId: string; bucket: number; count: number; latencyCount: number; latencySum: number; latency: number[]; predictions: Record<string, number>; predictionSum: number; missing: number[]; outOfRange: number[]; unknownCategory: number[]; typeErrors: number };

function minuteFor(minutes: Map<string, Minute>, deploymentId: string, versionId: string, ts: Date, layout: Layout): Minute {
  const bucket = minuteOf(ts);
  const key = `${versionId}|${bucket}`;
  let m = minutes.get(key);
  if (!m) {
    m = {
      deploymentId,
      versionId,
      bucket,
      count: 0,
      latencyCount: 0,
      latencySum: 0,
      latency: new Array<number>(LATENCY_BUCKETS).fill(0),
      predictions: {},
      predictionSum: 0,
      missing: new Array<number>(layout.numeric.length + layout.categorical.length).fill(0),
      outOfRange: new Array<number>(layout.numeric.length).fill(0),
      unknownCategory: new Array<number>(layout.categorical.length).fill(0),
      typeErrors: 0,
    };
    minutes.set(key, m);
  }
  return m;
}

function addToMinute(m: Minute, e: CheckedEvent) {
  m.count += 1;
  if (e.latencyMs !== null) {
    m.latencyCount += 1;
    m.latencySum += e.latencyMs;
    m.latency[latencyBucket(e.latencyMs)] = (m.latency[latencyBucket(e.latencyMs)] ?? 0) + 1;
  }
  if (e.predictionLabel !== null) m.predictions[e.predictionLabel] = (m.predictions[e.predictionLabel] ?? 0) + 1;
  if (e.predictionValue !== null) m.predictionSum += e.predictionValue;
  e.missing.forEach((x, i) => (m.missing[i] = (m.missing[i] ?? 0) + x));
  e.outOfRange.forEach((x, i) => (m.outOfRange[i] = (m.outOfRange[i] ?? 0) + x));
  e.unknownCategory.forEach((x, i) => (m.unknownCategory[i] = (m.unknownCategory[i] ?? 0) + x));
}

/** Stores a batch of prediction events sent with a deployment's ingestion key (write scope). */
export async function ingestEvents({ ctx, input, now = new Date() }: VerbArgs<unknown> & { now?: Date }): Promise<IngestResult> {
  const principal = requireIngestionWrite(ctx, 'Events');
  const { db, bus } = ctx;
  const raw = eventBatchOf(input);
  const { deployment, taskType } = await findDeployment(db, principal.deploymentId);
  const { shapes, at } = await attribution(db, deployment.modelId, deployment.alias, taskType);
  const bounds = { notAfter: new Date(now.getTime() + env.INGEST_MAX_FUTURE_MINUTES * 60_000), notBefore: new Date(now.getTime() - env.EVENT_RETENTION_DAYS * 86_400_000) };

  const result: IngestResult = { accepted: 0, duplicates: 0, rejected: [], conflicts: [] };
  const candidates: Attributed[] = [];
  const minutes = new Map<string, Minute>();
  const seen = new Map<string, number>();
  raw.forEach((event, index) => {
    const stated = event.model_version;
    let number: number | null;
    if (stated !== undefined && stated !== null) {
      if (typeof stated !== 'number' || !Number.isInteger(stated) || !shapes.has(stated)) {
        result.rejected.push({ index, event_id: event.event_id, reasons: [`model_version ${JSON.stringify(stated)} is not a version of this model.`] });
        return;
      }
      number = stated;
    } else {
      const ts = event.timestamp === undefined ? null : new Date(typeof event.timestamp === 'number' || typeof event.timestamp === 'string' ? event.timestamp : NaN);
      number = ts && !Number.isNaN(ts.getTime()) ? at(ts) : at(now);
      if (number === null) {
        result.rejected.push({ index, event_id: event.event_id, reasons: [`no version of the model held “${deployment.alias}” at the event's timestamp; send model_version to attribute it.`] });
        return;
      }
    }
    const version = shapes.get(number);
    if (!version) {
      result.rejected.push({ index, event_id: event.event_id, reasons: [`v${number} has no input schema, so its events cannot be checked; add the schema on the version page.`] });
      return;
    }
    const checked = checkEvent(event, version.shape, version.layout, bounds);
    if (isRefusal(checked)) {
      result.rejected.push({ index, event_id: event.event_id, reasons: checked.reasons });
      const ts = event.timestamp === undefined ? null : new Date(event.timestamp as string);
      if (checked.typeError && ts && !Number.isNaN(ts.getTime()) && ts >= bounds.notBefore && ts <= bounds.notAfter) minuteFor(minutes, deployment.id, version.shape.versionId, ts, version.layout).typeErrors += 1;
      return;
    }
    const earlier = seen.get(checked.eventId);
    const row = rowJson(checked, version.shape.versionId);
    const hash = contentHash(row);
    if (earlier !== undefined) {
      const same = candidates.find((c) => c.index === earlier)?.hash === hash;
      if (same) result.duplicates += 1;
      else result.conflicts.push({ index, event_id: checked.eventId, reason: `event_id “${checked.eventId}” appears earlier in this batch with other content.` });
      return;
    }
    seen.set(checked.eventId, index);
    candidates.push({ index, event: checked, shape: version.shape, layout: version.layout, row, hash });
  });

  if (candidates.length > 0 || minutes.size > 0) {
    const days = candidates.map((c) => c.event.ts);
    if (days.length > 0) await ensureEventPartitions(db, days);
    const sql = db.$client as Sql;
    const stored = await sql.begin(async (tx) => {
      // Rows go in as one JSON document (json_to_recordset): nulls, arrays and text need no escaping.
      // Sorted, so concurrent batches that share ids take their row locks in the same order (no deadlock).
      const idRows = JSON.stringify([...candidates].sort((a, b) => (a.event.eventId < b.event.eventId ? -1 : a.event.eventId > b.event.eventId ? 1 : 0)).map((c) => ({ event_id: c.event.eventId, ts: c.event.ts.toISOString(), version_id: c.shape.versionId, content_hash: c.hash })));
      const inserted = new Set(
        (
          await tx<{ event_id: string }[]>`
            insert into prediction_event_ids (deployment_id, event_id, ts, version_id, content_hash)
            select ${deployment.id}::uuid, event_id, ts, version_id, content_hash
            from json_to_recordset(${idRows}::json) as t(event_id text, ts timestamptz, version_id uuid, content_hash text)
            on conflict do nothing
            returning event_id`
        ).map((r) => r.event_id),
      );
      const fresh = candidates.filter((c) => inserted.has(c.event.eventId));
      const replayed = candidates.filter((c) => !inserted.has(c.event.eventId));
      if (replayed.length > 0) {
        const existing = new Map(
          (await tx<{ event_id: string; content_hash: string }[]>`select event_id, content_hash from prediction_event_ids where deployment_id = ${deployment.id} and event_id = any(${sql.array(replayed.map((c) => c.event.eventId))}::text[])`).map((r) => [r.event_id, r.content_hash]),
        );
        for (const c of replayed) {
          if (sameContent(existing.get(c.event.eventId), c)) result.duplicates += 1;
          else result.conflicts.push({ index: c.index, event_id: c.event.eventId, reason: `event_id “${c.event.eventId}” was stored before with other content; the stored event is kept.` });
        }
      }
      if (fresh.length > 0) {
        const rows = `[${fresh.map((c) => c.row).join(',')}]`;
        await tx`
          insert into prediction_events (deployment_id, ts, event_id, version_id, numeric, categorical, prediction_label, prediction_value, probabilities, latency_ms)
          select ${deployment.id}::uuid, ts, event_id, version_id, decode(numeric, 'hex'), categorical, prediction_label, prediction_value, probabilities, latency_ms
          from json_to_recordset(${rows}::json) as t(ts timestamptz, event_id text, version_id uuid, numeric text, categorical text[], prediction_label text, prediction_value float8, probabilities real[], latency_ms real)`;
        for (const c of fresh) addToMinute(minuteFor(minutes, deployment.id, c.shape.versionId, c.event.ts, c.layout), c.event);
      }
      // One statement for every minute the batch touches, in key order (the same reason).
      const minuteRows = [...minutes.values()]
        .sort((a, b) => a.bucket - b.bucket || (a.versionId < b.versionId ? -1 : a.versionId > b.versionId ? 1 : 0))
        .map((m) => ({ ...m, bucket: new Date(m.bucket).toISOString() }));
      if (minuteRows.length > 0) {
        await tx`
          insert into prediction_minutes (deployment_id, version_id, bucket, count, latency_count, latency_sum, latency_buckets, predictions, prediction_sum, missing, out_of_range, unknown_category, type_errors)
          select "deploymentId", "versionId", bucket, count, "latencyCount", "latencySum", latency, predictions, "predictionSum", missing, "outOfRange", "unknownCategory", "typeErrors"
          from json_to_recordset(${JSON.stringify(minuteRows)}::json) as t("deploymentId" uuid, "versionId" uuid, bucket timestamptz, count int, "latencyCount" int, "latencySum" float8, latency int[], predictions jsonb, "predictionSum" float8, missing int[], "outOfRange" int[], "unknownCategory" int[], "typeErrors" int)
          on conflict (deployment_id, bucket, version_id) do update set
            count = prediction_minutes.count + excluded.count,
            latency_count = prediction_minutes.latency_count + excluded.latency_count,
            latency_sum = prediction_minutes.latency_sum + excluded.latency_sum,
            latency_buckets = modelgate_int_array_add(prediction_minutes.latency_buckets, excluded.latency_buckets),
            predictions = modelgate_jsonb_add_counts(prediction_minutes.predictions, excluded.predictions),
            prediction_sum = prediction_minutes.prediction_sum + excluded.prediction_sum,
            missing = modelgate_int_array_add(prediction_minutes.missing, excluded.missing),
            out_of_range = modelgate_int_array_add(prediction_minutes.out_of_range, excluded.out_of_range),
            unknown_category = modelgate_int_array_add(prediction_minutes.unknown_category, excluded.unknown_category),
            type_errors = prediction_minutes.type_errors + excluded.type_errors`;
      }
      return fresh.length;
    });
    result.accepted = stored;
  }
  result.rejected.sort((a, b) => a.index - b.index);
  result.conflicts.sort((a, b) => a.index - b.index);
  if (result.accepted > 0) await bus.publish([{ ...MONITORING_CHANGED(deployment.id), at: new Date().toISOString() }]).catch(() => {});
  return result;
}
