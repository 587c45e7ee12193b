// Monitoring: deployments of a model's alias, their ingestion keys, and the prediction events and
// labels they send. Events are partitioned by day (see the migration) and retained for a set time.
import { sql } from 'drizzle-orm';
import { boolean, customType, doublePrecision, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { IngestionScope } from '@/lib/validation/monitoring';
import { packFloat64, unpackFloat64 } from '../packed';
import { modelVersions, registeredModels } from './catalog';

/** Numeric feature values in layout order, packed (see packed.ts); NaN is a missing value. */
const packedFloat8 = customType<{ data: Float64Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (values) => packFloat64(values),
  fromDriver: (bytes) => unpackFloat64(bytes),
});

export const deployments = pgTable(
  'deployments',
  {
    id: uuid().primaryKey().defaultRandom(),
    modelId: uuid()
      .notNull()
      .references(() => registeredModels.id),
    /** Where it runs, e.g. `prod-eu`. Unique per model, case-insensitively. */
    environment: text().notNull(),
    /** The alias it serves; events are attributed to the version the alias held at their time. */
    alias: text().notNull().default('production'),
    description: text().notNull().default(''),
    createdBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('deployments_model_id_environment_idx').on(t.modelId, sql`lower(${t.environment})`)],
);
export type Deployment = typeof deployments.$inferSelect;


/** Keys a deployment's serving code uses to send events. Only a SHA-256 is stored. */
export const ingestionKeys = pgTable(
  'ingestion_keys',
  {
    id: uuid().primaryKey().defaultRandom(),
    deploymentId: uuid()
      .notNull()
      .references(() => deployments.id),
    name: text().notNull(),
    prefix: text().notNull(),
    keyHash: text().notNull(),
    scopes: text().array().$type<IngestionScope[]>().notNull(),
    createdBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('ingestion_keys_key_hash_idx').on(t.keyHash), index('ingestion_keys_deployment_id_idx').on(t.deploymentId)],
);
export type IngestionKey = typeof ingestionKeys.$inferSelect;

/**
 * Per-key ingestion rate, shared by every app instance: the events taken in the current one-second
 * window of the database clock (server/services/monitoring/ingestion-rate.ts). One row per key.
 */
export const ingestionRateWindows = pgTable('ingestion_rate_windows', {
  keyId: uuid()
    .primaryKey()
    .references(() => ingestionKeys.id, { onDelete: 'cascade' }),
  windowStart: timestamp({ withTimezone: true }).notNull(),
  events: integer().notNull(),
});
export type IngestionRateWindow = typeof ingestionRateWindows.$inferSelect;
export type NewIngestionRateWindow = typeof ingestionRateWindows.$inferInsert;

/**
 * Prediction events, partitioned by `ts` (one partition per day, created ahead by a job, dropped
 * after the retention period). Feature values are stored in the version's input-schema order:
 * numeric ones in `numeric` (NULL element = missing), categorical ones in `categorical` (null = missing).
 */
export const predictionEvents = pgTable(
  'prediction_events',
  {
    deploymentId: uuid().notNull(),
    ts: timestamp({ withTimezone: true }).notNull(),
    eventId: text().notNull(),
    versionId: uuid().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    numeric: packedFloat8().notNull(),
    categorical: text().array().notNull(),
    /** A class label, or null for regression. */
    predictionLabel: text(),
    /** The regression value, or the positive-class probability of a binary classifier when sent. */
    predictionValue: doublePrecision(),
    probabilities: real().array(),
    latencyMs: real(),
  },
  (t) => [primaryKey({ columns: [t.deploymentId, t.ts, t.eventId] })],
);
export type PredictionEvent = typeof predictionEvents.$inferSelect;

/** One row per event id ever accepted (within retention): makes ingestion idempotent across partitions. */
export const predictionEventIds = pgTable(
  'prediction_event_ids',
  {
    deploymentId: uuid().notNull(),
    eventId: text().notNull(),
    ts: timestamp({ withTimezone: true }).notNull(),
    versionId: uuid().notNull(),
    /** SHA-256 of the event's canonical JSON: a replay with other content is a conflict. */
    contentHash: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.deploymentId, t.eventId] }), index('prediction_event_ids_ts_idx').on(t.ts)],
);

/** Ground truth that arrives later, by event id. */
export const predictionLabels = pgTable(
  'prediction_labels',
  {
    deploymentId: uuid().notNull(),
    eventId: text().notNull(),
    /** Copied from the event so a window's labelled events are found without a join on every partition. */
    ts: timestamp({ withTimezone: true }).notNull(),
    versionId: uuid().notNull(),
    label: text(),
    value: doublePrecision(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.deploymentId, t.eventId] }), index('prediction_labels_deployment_id_ts_idx').on(t.deploymentId, t.ts)],
);

/**
 * Per-minute aggregates that charts read instead of scanning events: counts, latency histogram
 * (log-spaced buckets, see lib/monitoring/latency.ts), prediction counts by label, and data
 * quality counts per feature (schema order).
 */
export const predictionMinutes = pgTable(
  'prediction_minutes',
  {
    deploymentId: uuid().notNull(),
    versionId: uuid()
      .notNull()
      .references(() => modelVersions.id),
    bucket: timestamp({ withTimezone: true }).notNull(),
    count: integer().notNull(),
    latencyCount: integer().notNull(),
    latencySum: doublePrecision().notNull(),
    latencyBuckets: integer().array().notNull(),
    predictions: jsonb().$type<Record<string, number>>().notNull(),
    predictionSum: doublePrecision().notNull(),
    missing: integer().array().notNull(),
    outOfRange: integer().array().notNull(),
    unknownCategory: integer().array().notNull(),
    /** Events refused for a wrong type or a non-finite number (they are not stored). */
    typeErrors: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.deploymentId, t.bucket, t.versionId] })],
);
export type PredictionMinute = typeof predictionMinutes.$inferSelect;

export const ALERT_KINDS = ['feature_drift', 'dataset_drift', 'missing_rate', 'out_of_range_rate', 'unknown_category_rate', 'type_error_rate', 'latency_p95', 'performance', 'traffic_drop'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const ALERT_STATES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** What to watch on a deployment, over which window, and how loud to be. */
export const alertRules = pgTable(
  'alert_rules',
  {
    id: uuid().primaryKey().defaultRandom(),
    deploymentId: uuid()
      .notNull()
      .references(() => deployments.id),
    kind: text().$type<AlertKind>().notNull(),
    /** For per-feature kinds: one feature, or null for every feature. */
    feature: text(),
    /** Drift: a method that overrides the default choice (ks, chisquare, z, wasserstein, jensenshannon, psi). */
    method: text(),
    /** Performance: the metric (accuracy, f1, roc_auc, mae, rmse, ...). */
    metric: text(),
    /** Drift: null means the method's default threshold. */
    threshold: doublePrecision(),
    windowMinutes: integer().notNull(),
    severity: text().$type<Severity>().notNull(),
    enabled: boolean().notNull().default(true),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('alert_rules_deployment_id_idx').on(t.deploymentId)],
);
export type AlertRule = typeof alertRules.$inferSelect;

export const alerts = pgTable(
  'alerts',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Human reference, e.g. ALR-12. */
    number: integer().generatedAlwaysAsIdentity(),
    ruleId: uuid()
      .notNull()
      .references(() => alertRules.id),
    deploymentId: uuid()
      .notNull()
      .references(() => deployments.id),
    versionId: uuid(),
    /** What the alert is about: a feature name, or '' for the whole deployment. */
    subject: text().notNull(),
    kind: text().$type<AlertKind>().notNull(),
    severity: text().$type<Severity>().notNull(),
    state: text().$type<AlertState>().notNull(),
    title: text().notNull(),
    /** The value that crossed the threshold, and the evidence behind it. */
    value: doublePrecision(),
    threshold: doublePrecision(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** Whether the condition held at the last evaluation. */
    active: boolean().notNull().default(true),
    openedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp({ withTimezone: true }),
    acknowledgedBy: text(),
    resolvedAt: timestamp({ withTimezone: true }),
    resolvedBy: text(),
    resolutionNote: text(),
    assigneeId: uuid(),
    assigneeName: text(),
    reopenCount: integer().notNull().default(0),
  },
  (t) => [
    uniqueIndex('alerts_number_idx').on(t.number),
    // At most one unresolved alert per rule and subject.
    uniqueIndex('alerts_rule_id_subject_idx').on(t.ruleId, t.subject).where(sql`${t.state} <> 'resolved'`),
    index('alerts_deployment_id_state_idx').on(t.deploymentId, t.state),
    index('alerts_version_id_idx').on(t.versionId),
  ],
);
export type Alert = typeof alerts.$inferSelect;

/** The alert's timeline: opened, acknowledged, assigned, commented, resolved, re-opened. */
export const alertEvents = pgTable(
  'alert_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    alertId: uuid()
      .notNull()
      .references(() => alerts.id),
    kind: text().$type<'opened' | 'acknowledged' | 'assigned' | 'commented' | 'resolved' | 'reopened'>().notNull(),
    actorId: uuid(),
    actorName: text().notNull(),
    note: text(),
    at: timestamp({ withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  },
  (t) => [index('alert_events_alert_id_at_idx').on(t.alertId, t.at)],
);
export type AlertEvent = typeof alertEvents.$inferSelect;
