// The envelopes of the machine edge's batches, checked in one place: `{ "events": [...] }` and
// `{ "labels": [...] }` (or bare arrays), their size limit, and each label's shape. Each event's own
// content is checked against its version's schemas by lib/monitoring/events.
import { findUnsafeText, unsafeTextMessage } from '@/lib/text-guard';
import type { RawEvent } from '@/lib/monitoring/events';
import type { TaskType } from '@/lib/validation/catalog';
import { env } from '@/server/env';
import { PayloadTooLargeError, ValidationError } from '@/server/errors';

type BatchKind = 'events' | 'labels';

function listIn(body: unknown, kind: BatchKind): unknown[] | undefined {
  const list = Array.isArray(body) ? body : body && typeof body === 'object' ? (body as Record<string, unknown>)[kind] : undefined;
  return Array.isArray(list) ? list : undefined;
}

/** How many items a body holds, for the rate limit before the batch is checked (1 when malformed). */
export const itemsIn = (kind: BatchKind) => (body: unknown) => listIn(body, kind)?.length ?? 1;

const SHAPES: Record<BatchKind, string> = {
  events: '{ "events": [ { event_id, timestamp, features, prediction, probabilities?, latency_ms?, model_version? }, ... ] }',
  labels: '{ "labels": [ { "event_id": "...", "label": "yes" | 0.42 }, ... ] }',
};

function batchOf(body: unknown, kind: BatchKind, max: number): unknown[] {
  const list = listIn(body, kind);
  if (!list) throw new ValidationError(`The body must be JSON: ${SHAPES[kind]}.`);
  if (list.length === 0) throw new ValidationError(`The batch holds no ${kind}.`);
  if (list.length > max) throw new PayloadTooLargeError(`A batch holds at most ${max} ${kind}; this one has ${list.length}. Split it.`);
  return list;
}

/** The events of a batch; anything but a non-empty list of objects stores nothing. */
export function eventBatchOf(body: unknown, max = env.INGEST_MAX_BATCH): RawEvent[] {
  const events = batchOf(body, 'events', max);
  const bad = events.findIndex((e) => !e || typeof e !== 'object' || Array.isArray(e));
  if (bad >= 0) throw new ValidationError(`Event ${bad} is not a JSON object; nothing was stored.`);
  return events as RawEvent[];
}

export type CheckedLabel = { index: number; eventId: string; label: string | null; value: number | null };
export type RefusedLabel = { index: number; event_id: unknown; reason: string };

/** The labels of a batch, each checked for the model's task: a class label, or a number for regression. */
export function labelBatchOf(body: unknown, taskType: TaskType, max = env.INGEST_MAX_BATCH): { valid: CheckedLabel[]; rejected: RefusedLabel[] } {
  const valid: CheckedLabel[] = [];
  const rejected: RefusedLabel[] = [];
  batchOf(body, 'labels', max).forEach((item, index) => {
    const l = (item ?? {}) as { event_id?: unknown; label?: unknown };
    // Text Postgres cannot store refuses this label alone; the rest of the batch is still stored.
    const unsafe = findUnsafeText(item, 'label');
    if (unsafe) return rejected.push({ index, event_id: l.event_id, reason: unsafeTextMessage(unsafe) });
    if (typeof l.event_id !== 'string' || l.event_id.length === 0 || l.event_id.length > 128) return rejected.push({ index, event_id: l.event_id, reason: 'event_id must be a string of 1 to 128 characters.' });
    if (taskType === 'regression') {
      if (typeof l.label !== 'number' || !Number.isFinite(l.label)) return rejected.push({ index, event_id: l.event_id, reason: 'label must be a finite number for a regression model.' });
      return valid.push({ index, eventId: l.event_id, label: null, value: l.label });
    }
    if (typeof l.label !== 'string' || l.label.length === 0 || l.label.length > 256) return rejected.push({ index, event_id: l.event_id, reason: 'label must be the true class label (a string).' });
    return valid.push({ index, eventId: l.event_id, label: l.label, value: null });
  });
  return { valid, rejected };
}
