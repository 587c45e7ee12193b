// The alert worker: evaluates every enabled rule over its window and opens, refreshes or re-opens
// alerts. Run by the scheduler (one instance per tick); a partial unique index keeps one unresolved
// alert per rule and subject even if two evaluations ever overlap.
import 'server-only';
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Database } from '@/server/db/connect';
import { alertEvents, alertRules, alerts, deployments, type AlertRule } from '@/server/db/schema';
import type { ServiceContext } from '../../context';
import { notifyAlertWatchers } from '../../collaboration/notifications/alerts';
import { mutate, type Writer } from '../../mutate';
import { MONITORING_CHANGED } from '../events';
import { computeStats, type DeploymentStats } from '../stats';
import { windowVersions } from '../window-versions';
import { LOWER_IS_BETTER } from './default-rules';

/** Fewer events than this in a window say nothing reliable about rates. */
export const MIN_EVENTS = 30;

type Finding = { subject: string; value: number; threshold: number; title: string; details: Record<string, unknown> };
/** What a rule found, and the version it was computed on: the alert names that version. */
export type Evaluation = { firing: Finding[]; checked: string[]; versionId?: string | null };

/** Extra evaluators (drift) plug in here, so this file does not depend on how drift is computed. */
export type DriftEvaluator = (db: Database, rule: AlertRule, window: { from: Date; to: Date }) => Promise<Evaluation>;

const SYSTEM = { type: 'system' as const, id: null, name: 'Modelgate', roles: [] };
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function evaluateFromStats(rule: AlertRule, stats: DeploymentStats, previousCount: number | null): Evaluation {
  const threshold = rule.threshold ?? 0;
  const firing: Finding[] = [];
  const checked: string[] = [];
  const enough = stats.totals.count >= MIN_EVENTS;
  const perFeature = (rate: (q: DeploymentStats['quality'][number]) => number | null, what: string) => {
    if (!enough) return;
    for (const q of stats.quality) {
      if (rule.feature && q.feature !== rule.feature) continue;
      const value = rate(q);
      if (value === null) continue;
      checked.push(q.feature);
      if (value > threshold) firing.push({ subject: q.feature, value, threshold, title: `${what} of “${q.feature}” is ${pct(value)} (above ${pct(threshold)})`, details: { events: stats.totals.count } });
    }
  };
  switch (rule.kind) {
    case 'missing_rate':
      perFeature((q) => q.missingRate, 'Missing rate');
      break;
    case 'out_of_range_rate':
      perFeature((q) => q.outOfRangeRate, 'Out-of-range rate');
      break;
    case 'unknown_category_rate':
      perFeature((q) => q.unknownCategoryRate, 'Unknown-category rate');
      break;
    case 'type_error_rate':
      if (enough) {
        checked.push('');
        if (stats.typeErrorRate > threshold) firing.push({ subject: '', value: stats.typeErrorRate, threshold, title: `${pct(stats.typeErrorRate)} of events refused for wrong types (above ${pct(threshold)})`, details: {} });
      }
      break;
    case 'latency_p95': {
      const p95 = stats.totals.latencyP95;
      if (p95 !== null && enough) {
        checked.push('');
        if (p95 > threshold) firing.push({ subject: '', value: p95, threshold, title: `Latency p95 is ${p95.toFixed(1)} ms (above ${threshold} ms)`, details: { p50: stats.totals.latencyP50, p99: stats.totals.latencyP99 } });
      }
      break;
    }
    case 'traffic_drop':
      if (previousCount !== null && previousCount >= MIN_EVENTS) {
        checked.push('');
        const drop = 1 - stats.totals.count / previousCount;
        if (drop >= threshold) firing.push({ subject: '', value: drop, threshold, title: `Traffic fell ${pct(drop)} against the previous ${rule.windowMinutes} minutes (${stats.totals.count} vs ${previousCount} events)`, details: { current: stats.totals.count, previous: previousCount } });
      }
      break;
    case 'performance': {
      const metric = rule.metric ?? 'accuracy';
      const value = stats.performance?.metrics[metric];
      if (value !== undefined && value !== null && (stats.performance?.labelled ?? 0) >= MIN_EVENTS) {
        checked.push(metric);
        const worse = LOWER_IS_BETTER.has(metric) ? value > threshold : value < threshold;
        if (worse) firing.push({ subject: metric, value, threshold, title: `${metric} is ${value.toFixed(3)} on ${stats.performance?.labelled} labelled events (${LOWER_IS_BETTER.has(metric) ? 'above' : 'below'} ${threshold})`, details: { labelled: stats.performance?.labelled } });
      }
      break;
    }
    default:
      break;
  }
  return { firing, checked };
}

/** Opens, refreshes or re-opens the alerts of one rule from one evaluation, in the caller's transaction. */
async function applyEvaluation(w: Writer, rule: AlertRule, evaluation: Evaluation, versionId: string | null, now: Date) {
  const firing = new Map(evaluation.firing.map((f) => [f.subject, f]));
  for (const subject of new Set([...evaluation.checked, ...firing.keys()])) {
    const finding = firing.get(subject);
    const [current] = await w.tx.select().from(alerts).where(and(eq(alerts.ruleId, rule.id), eq(alerts.subject, subject), ne(alerts.state, 'resolved'))).for('update');
    if (current) {
      await w.tx
        .update(alerts)
        .set(finding ? { active: true, lastSeenAt: now, value: finding.value, details: finding.details, title: finding.title, ...(versionId ? { versionId } : {}) } : { active: false })
        .where(eq(alerts.id, current.id));
      continue;
    }
    if (!finding) continue;
    const [resolved] = await w.tx.select().from(alerts).where(and(eq(alerts.ruleId, rule.id), eq(alerts.subject, subject), eq(alerts.state, 'resolved'))).orderBy(desc(alerts.resolvedAt)).limit(1).for('update');
    if (resolved) {
      await w.tx
        .update(alerts)
        .set({ state: 'open', active: true, lastSeenAt: now, value: finding.value, threshold: finding.threshold, title: finding.title, details: finding.details, reopenCount: sql`${alerts.reopenCount} + 1`, acknowledgedAt: null, acknowledgedBy: null, resolvedAt: null, resolvedBy: null, versionId: versionId ?? resolved.versionId })
        .where(eq(alerts.id, resolved.id));
      await w.tx.insert(alertEvents).values({ alertId: resolved.id, kind: 'reopened', actorName: 'Modelgate', note: finding.title });
      await w.audit({ action: 'alert.reopened', entityType: 'alert', entityId: resolved.id, before: { state: 'resolved' }, after: { state: 'open', title: finding.title, value: finding.value }, actor: SYSTEM });
      await notifyAlertWatchers(w, { id: resolved.id, number: resolved.number, title: finding.title, deploymentId: resolved.deploymentId }, 'reopened');
      continue;
    }
    const [opened] = await w.tx
      .insert(alerts)
      .values({ ruleId: rule.id, deploymentId: rule.deploymentId, versionId, subject, kind: rule.kind, severity: rule.severity, state: 'open', title: finding.title, value: finding.value, threshold: finding.threshold, details: finding.details, openedAt: now, lastSeenAt: now })
      .onConflictDoNothing()
      .returning();
    if (!opened) continue; // another evaluation opened it first
    await w.tx.insert(alertEvents).values({ alertId: opened.id, kind: 'opened', actorName: 'Modelgate', note: finding.title });
    await w.audit({ action: 'alert.opened', entityType: 'alert', entityId: opened.id, after: { reference: `ALR-${opened.number}`, deploymentId: rule.deploymentId, versionId, kind: rule.kind, severity: rule.severity, subject, title: finding.title, value: finding.value, threshold: finding.threshold }, actor: SYSTEM });
    await notifyAlertWatchers(w, opened, 'opened');
  }
}

/** Evaluates every enabled rule once. */
export async function evaluateAlerts(ctx: ServiceContext, options: { now?: Date; drift?: DriftEvaluator } = {}) {
  const now = options.now ?? new Date();
  const rules = await ctx.db.select({ rule: alertRules, deploymentId: deployments.id }).from(alertRules).innerJoin(deployments, eq(deployments.id, alertRules.deploymentId)).where(eq(alertRules.enabled, true));
  let opened = 0;
  const statsCache = new Map<string, DeploymentStats>();
  for (const { rule } of rules) {
    const from = new Date(now.getTime() - rule.windowMinutes * 60_000);
    let evaluation: Evaluation;
    let versionId: string | null = null;
    const key = `${rule.deploymentId}|${rule.windowMinutes}`;
    if (rule.kind === 'feature_drift' || rule.kind === 'dataset_drift') {
      if (!options.drift) continue;
      evaluation = await options.drift(ctx.db, rule, { from, to: now });
      versionId = evaluation.versionId ?? null;
    } else {
      const stats = statsCache.get(key) ?? (await computeStats(ctx.db, { deploymentId: rule.deploymentId, from, to: now, points: 10 }));
      statsCache.set(key, stats);
      // Rates are over the whole window; the alert names the version serving at its end.
      versionId = (await windowVersions(ctx.db, rule.deploymentId, from, now))[0]?.id ?? null;
      let previous: number | null = null;
      if (rule.kind === 'traffic_drop') previous = (await computeStats(ctx.db, { deploymentId: rule.deploymentId, from: new Date(from.getTime() - rule.windowMinutes * 60_000), to: from, points: 10 })).totals.count;
      evaluation = evaluateFromStats(rule, stats, previous);
    }
    if (evaluation.checked.length === 0 && evaluation.firing.length === 0) continue;
    const before = opened;
    await mutate(ctx, async (w) => {
      const count = await w.tx.select({ n: sql<number>`count(*)::int` }).from(alerts).where(eq(alerts.ruleId, rule.id));
      await applyEvaluation(w, rule, evaluation, versionId, now);
      const after = await w.tx.select({ n: sql<number>`count(*)::int` }).from(alerts).where(eq(alerts.ruleId, rule.id));
      opened += (after[0]?.n ?? 0) - (count[0]?.n ?? 0);
      if (evaluation.firing.length > 0 || opened > before) w.publish(MONITORING_CHANGED(rule.deploymentId));
    });
  }
  return { rules: rules.length, opened };
}
