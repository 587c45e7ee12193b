// The alert worker and the ops workflow: rules open one alert per rule and subject, even with two
// evaluations at once; ops acknowledge, assign, comment and resolve (audited); a returning
// condition re-opens the alert; the alert links to its version's release.
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertEvents, alertRules, alerts, auditEvents } from '@/server/db/schema';
import { ConflictError, ForbiddenError, ValidationError } from '@/server/errors';
import { createMemoryBus } from '@/server/events/memory-bus';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession, keyContextFor } from '@/server/testing/fixtures';
import { tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import { createVersion } from '../../catalog/create-version';
import { registerModel } from '../../catalog/register-model';
import type { SessionUser } from '../../context';
import { getReleaseRequest } from '../../releases/get-release-request';
import { createReleaseRequest } from '../../releases/request-release';
import { signDecision } from '../../releases/sign-decision';
import { createDeployment } from '../deployments';
import { ingestEvents } from '../ingest';
import { authenticateIngestionKey, createIngestionKey } from '../ingestion-keys';
import { evaluateAlerts } from './evaluate';
import { createAlertRule, listAlertRules, updateAlertRule } from './rules';
import { acknowledgeAlert, assignAlert, commentOnAlert, getAlert, listAlerts, resolveAlert } from './workflow';

const PASSWORD = 'alerts-test-password';
let t: TestDatabase;
let ops: SessionUser;
let ops2: SessionUser;
let auditor: SessionUser;
let deploymentId: string;
let key: string;
const bus = createMemoryBus();
let counter = 0;

const inputSchema = { features: [{ name: 'x', type: 'numeric' as const, allowMissing: true }, { name: 'colour', type: 'categorical' as const, categories: ['red', 'blue'], allowMissing: true }] };

async function send(n: number, features: (i: number) => Record<string, unknown>) {
  const principal = await authenticateIngestionKey(t.db, key);
  if (!principal) throw new Error('no key');
  const events = Array.from({ length: n }, (_, i) => ({ event_id: `a-${++counter}`, timestamp: new Date().toISOString(), features: features(i), prediction: 'yes', probabilities: [0.4, 0.6], latency_ms: 5 }));
  return ingestEvents({ ctx: keyContextFor(t.db, principal, bus), input: { events } });
}
const missingRule = async () => (await t.db.select().from(alertRules).where(and(eq(alertRules.deploymentId, deploymentId), eq(alertRules.kind, 'missing_rate'))))[0];
const alertCount = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(alerts).where(eq(alerts.deploymentId, deploymentId)))[0]?.n ?? 0;

beforeAll(async () => {
  t = await freshDatabase();
  ops = await createUserWithSession(t.db, ['ops'], { name: 'Olga Ops' });
  ops2 = await createUserWithSession(t.db, ['ops'], { name: 'Oscar Ops' });
  auditor = await createUserWithSession(t.db, ['auditor']);
  const scientist = await createUserWithSession(t.db, ['data_scientist'], { password: PASSWORD });
  const approver = await createUserWithSession(t.db, ['approver'], { password: PASSWORD });
  const model = await registerModel({ ctx: contextFor(t.db, scientist), input: { name: 'Alerting Model', ownerTeam: 'Ops', taskType: 'binary_classification', riskTier: 'low' } });
  await createVersion({ ctx: contextFor(t.db, scientist), input: { modelId: model.id, files: tfjsModelFiles({ inputs: 3 }).files, metadata: { inputSchema, outputSchema: { target: 'y', classLabels: ['no', 'yes'], positiveClass: 'yes' } } } });
  const request = await createReleaseRequest({ ctx: contextFor(t.db, scientist), input: { modelId: model.id, version: 1, alias: 'production', changeSummary: 's', expectedImpact: 'i', rollbackPlan: 'r' } });
  const view = await getReleaseRequest({ ctx: contextFor(t.db, approver), input: { requestId: request.id } });
  await signDecision({ ctx: contextFor(t.db, approver), input: { requestId: request.id, decision: 'approve', reason: 'ok', meaning: view.viewer.meanings.approve, password: PASSWORD } });
  deploymentId = (await createDeployment({ ctx: contextFor(t.db, ops), input: { modelId: model.id, environment: 'prod' } })).id;
  key = (await createIngestionKey({ ctx: contextFor(t.db, ops), input: { deploymentId, name: 'k' } })).key;
});
afterAll(async () => t.close());

describe('alert rules', () => {
  it('gives a new deployment sensible default rules, and lets ops change them (audited)', async () => {
    const rules = await listAlertRules({ ctx: contextFor(t.db, auditor), input: { deploymentId } });
    expect(rules.map((r) => `${r.kind}:${r.severity}`)).toEqual(expect.arrayContaining(['dataset_drift:critical', 'feature_drift:warning', 'missing_rate:warning', 'latency_p95:warning', 'traffic_drop:info', 'performance:warning']));
    const rule = await createAlertRule({ ctx: contextFor(t.db, ops), input: { deploymentId, rule: { kind: 'latency_p95', threshold: 1, windowMinutes: 15, severity: 'critical' } } });
    await updateAlertRule({ ctx: contextFor(t.db, ops), input: { ruleId: rule.id, rule: { kind: 'latency_p95', threshold: 1, windowMinutes: 15, severity: 'critical', enabled: false } } });
    await expect(createAlertRule({ ctx: contextFor(t.db, auditor), input: { deploymentId, rule: { kind: 'latency_p95', threshold: 1, windowMinutes: 15, severity: 'info' } } })).rejects.toThrow(ForbiddenError);
    await expect(createAlertRule({ ctx: contextFor(t.db, ops), input: { deploymentId, rule: { kind: 'performance', threshold: 0.5, windowMinutes: 60, severity: 'info' } } })).rejects.toThrow(ValidationError);
    const audits = await t.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.entityId, deploymentId));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['deployment.created', 'alert_rule.created', 'alert_rule.updated']));
  });
});

describe('the alert worker and the workflow', () => {
  it('opens one alert per rule and subject, even with two evaluations at once, and refreshes it afterwards', async () => {
    // Half of "x" missing: over the 10% missing-rate rule.
    await send(60, (i) => ({ x: i % 2 ? null : i, colour: 'red' }));
    await Promise.all([evaluateAlerts(contextFor(t.db, null)), evaluateAlerts(contextFor(t.db, null))]);
    const open = await listAlerts({ ctx: contextFor(t.db, auditor), input: { deploymentId } });
    const missing = open.filter((a) => a.kind === 'missing_rate');
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ subject: 'x', state: 'open', severity: 'warning', version: 1, title: 'Missing rate of “x” is 50.0% (above 10.0%)' });
    await evaluateAlerts(contextFor(t.db, null));
    expect((await listAlerts({ ctx: contextFor(t.db, auditor), input: { deploymentId } })).filter((a) => a.kind === 'missing_rate')).toHaveLength(1);
    const [opened] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'alert.opened'), eq(auditEvents.entityId, missing[0]?.id ?? '')));
    expect(opened).toMatchObject({ actorType: 'system', after: { subject: 'x', kind: 'missing_rate' } });
  });

  it('lets ops acknowledge, assign, comment and resolve with a note; every step is on the timeline and audited', async () => {
    const [alert] = (await listAlerts({ ctx: contextFor(t.db, auditor), input: { deploymentId } })).filter((a) => a.kind === 'missing_rate');
    const alertId = alert?.id ?? '';
    await expect(acknowledgeAlert({ ctx: contextFor(t.db, auditor), input: { alertId } })).rejects.toThrow(ForbiddenError);
    await acknowledgeAlert({ ctx: contextFor(t.db, ops), input: { alertId } });
    await expect(acknowledgeAlert({ ctx: contextFor(t.db, ops), input: { alertId } })).rejects.toThrow(ConflictError);
    await assignAlert({ ctx: contextFor(t.db, ops), input: { alertId, assigneeId: ops2.id } });
    await expect(assignAlert({ ctx: contextFor(t.db, ops), input: { alertId, assigneeId: auditor.id } })).rejects.toThrow(/cannot work alerts/);
    await commentOnAlert({ ctx: contextFor(t.db, ops2), input: { alertId, note: 'Upstream feed dropped the x column at 10:02.' } });
    await expect(resolveAlert({ ctx: contextFor(t.db, ops2), input: { alertId, note: ' ' } })).rejects.toThrow(ValidationError);
    await resolveAlert({ ctx: contextFor(t.db, ops2), input: { alertId, note: 'Feed fixed; missing rate back to 0.' } });
    const view = await getAlert({ ctx: contextFor(t.db, auditor), input: { alertId } });
    expect(view).toMatchObject({ state: 'resolved', resolvedBy: 'Oscar Ops', resolutionNote: 'Feed fixed; missing rate back to 0.', acknowledgedBy: 'Olga Ops', assigneeName: 'Oscar Ops', version: 1 });
    expect(view.timeline.map((e) => [e.kind, e.actorName])).toEqual([
      ['opened', 'Modelgate'],
      ['acknowledged', 'Olga Ops'],
      ['assigned', 'Olga Ops'],
      ['commented', 'Oscar Ops'],
      ['resolved', 'Oscar Ops'],
    ]);
    // The alert links to the release that put v1 on production.
    expect(view.release?.reference).toMatch(/^REL-\d+$/);
    const trail = await t.db.select({ action: auditEvents.action, actorName: auditEvents.actorName }).from(auditEvents).where(eq(auditEvents.entityId, alertId)).orderBy(asc(auditEvents.seq));
    expect(trail.map((a) => a.action)).toEqual(['alert.opened', 'alert.acknowledged', 'alert.assigned', 'alert.commented', 'alert.resolved']);
  });

  it('re-opens a resolved alert when its condition returns, instead of opening a duplicate', async () => {
    const before = await alertCount();
    await evaluateAlerts(contextFor(t.db, null));
    const missing = (await listAlerts({ ctx: contextFor(t.db, auditor), input: { deploymentId, state: 'all' } })).filter((a) => a.kind === 'missing_rate');
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ state: 'open', reopenCount: 1, resolvedAt: null });
    expect(await alertCount()).toBe(before);
    const events = await t.db.select({ kind: alertEvents.kind }).from(alertEvents).where(eq(alertEvents.alertId, missing[0]?.id ?? ''));
    expect(events.map((e) => e.kind).at(-1)).toBe('reopened');
  });

  it('marks an alert inactive when its condition clears, without resolving it for ops', async () => {
    const rule = await missingRule();
    await updateAlertRule({ ctx: contextFor(t.db, ops), input: { ruleId: rule?.id ?? '', rule: { kind: 'missing_rate', feature: null, method: null, metric: null, threshold: 0.9, windowMinutes: 60, severity: 'warning', enabled: true } } });
    await evaluateAlerts(contextFor(t.db, null));
    const [alert] = (await listAlerts({ ctx: contextFor(t.db, auditor), input: { deploymentId } })).filter((a) => a.kind === 'missing_rate');
    expect(alert).toMatchObject({ state: 'open', active: false });
  });
});
