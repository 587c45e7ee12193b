// The evidence an auditor gets: signatures with their meaning, gates, digests and the related audit
// events, whose hashes can be re-checked from the export alone.
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, releaseRequests } from '@/server/db/schema';
import { ForbiddenError, NotFoundError, ValidationError } from '@/server/errors';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import { createVersion } from '../catalog/create-version';
import { registerModel } from '../catalog/register-model';
import type { SessionUser } from '../context';
import { exportModelReleaseEvidence, exportReleaseEvidence, MODEL_EVIDENCE_LIMIT } from './evidence';
import { getReleaseRequest } from './get-release-request';
import { setModelReleaseRules } from './policies';
import { createReleaseRequest } from './request-release';
import { signDecision } from './sign-decision';
import type { RequestEvidence } from './request-evidence';

const PASSWORD = 'evidence-password-1';
let t: TestDatabase;
let scientist: SessionUser;
let approver: SessionUser;
let auditor: SessionUser;
let modelId: string;
let requestId: string;

beforeAll(async () => {
  t = await freshDatabase();
  scientist = await createUserWithSession(t.db, ['data_scientist'], { name: 'Dana Scientist', password: PASSWORD });
  approver = await createUserWithSession(t.db, ['approver'], { name: 'Abe <b>Approver</b>', password: PASSWORD });
  auditor = await createUserWithSession(t.db, ['auditor'], { name: 'Aldo Auditor' });
  const model = await registerModel({ ctx: contextFor(t.db, scientist), input: { name: 'Evidence Model', ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'low' } });
  modelId = model.id;
  await createVersion({ ctx: contextFor(t.db, scientist), input: { modelId, files: tfjsModelFiles({ seed: 4 }).files, metadata: { metrics: { roc_auc: 0.81 } } } });
  const request = await createReleaseRequest({
    ctx: contextFor(t.db, scientist),
    input: { modelId, version: 1, alias: 'production', changeSummary: 'First release', expectedImpact: 'Replaces the rules engine.', rollbackPlan: 'Switch the rules engine back on.' },
  });
  requestId = request.id;
  const view = await getReleaseRequest({ ctx: contextFor(t.db, approver), input: { requestId } });
  await signDecision({ ctx: contextFor(t.db, approver), input: { requestId, decision: 'approve', reason: 'Backtest <script>alert(1)</script> is fine', meaning: view.viewer.meanings.approve, password: PASSWORD } });
});
afterAll(async () => t.close());

describe('release evidence export', () => {
  it('holds every signature with printed name, user id, roles, time, meaning, reason and digest, and the version digests', async () => {
    const file = await exportReleaseEvidence({ ctx: contextFor(t.db, auditor), input: { requestId, format: 'json' } });
    expect(file.contentType).toBe('application/json');
    expect(file.filename).toMatch(/^modelgate-evidence-REL-\d+\.json$/);
    const doc = JSON.parse(file.body) as { exportedBy: string; releases: RequestEvidence[] };
    expect(doc.exportedBy).toBe('Aldo Auditor');
    const [release] = doc.releases;
    expect(release?.request.state).toBe('released');
    expect(release?.signatures).toEqual([
      expect.objectContaining({
        decision: 'approve',
        printedName: 'Abe <b>Approver</b>',
        signerId: approver.id,
        signerRoles: ['approver'],
        meaning: 'I approve release of Evidence Model v1 to production',
        reason: 'Backtest <script>alert(1)</script> is fine',
        signedDigest: release?.version.contentDigest,
        authentication: 'password re-entered at signing',
        signedAtUtc: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      }),
    ]);
    expect(release?.version.files.map((f) => f.name).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
    expect(release?.gatesAtExport.map((g) => g.key)).toEqual(['model_card', 'evaluation', 'drift']);
    expect(release?.transitions.map((x) => x.to)).toEqual(['draft', 'pending', 'approved', 'released']);
  });

  it('includes the related audit events with hashes that re-check from the export alone', async () => {
    const doc = JSON.parse((await exportReleaseEvidence({ ctx: contextFor(t.db, auditor), input: { requestId } })).body) as { releases: RequestEvidence[] };
    const events = doc.releases[0]?.auditEvents ?? [];
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['version.created', 'release.requested', 'decision.signed', 'release.approved', 'alias.moved', 'release.released']));
    for (const e of events) expect(createHash('sha256').update(e.canonical).update(e.prevHash).digest('hex')).toBe(e.hash);
    // And they are the trail's own rows.
    const [signed] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, requestId), eq(auditEvents.action, 'decision.signed')));
    expect(events.find((e) => e.action === 'decision.signed')?.hash).toBe(signed?.hash);
  });

  it('renders a printable HTML page with every value escaped', async () => {
    const file = await exportReleaseEvidence({ ctx: contextFor(t.db, auditor), input: { requestId, format: 'html' } });
    expect(file.contentType).toBe('text/html; charset=utf-8');
    expect(file.body).toContain('I approve release of Evidence Model v1 to production');
    expect(file.body).toContain('Backtest &lt;script&gt;alert(1)&lt;/script&gt; is fine');
    expect(file.body).toContain('Abe &lt;b&gt;Approver&lt;/b&gt;');
    // Each signature names its signer by user id as well as printed name and email.
    expect(file.body).toContain(`User ID <code>${approver.id}</code>`);
    expect(file.body).not.toContain('<script>');
  });

  it('gives each signature the gates as they stood when it was signed, apart from the gates recomputed at export', async () => {
    const reviewer = await createUserWithSession(t.db, ['risk_reviewer'], { name: 'Rita Reviewer' });
    const model = await registerModel({ ctx: contextFor(t.db, scientist), input: { name: 'Gated Model', ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'low' } });
    for (const seed of [5, 6]) await createVersion({ ctx: contextFor(t.db, scientist), input: { modelId: model.id, files: tfjsModelFiles({ seed }).files, metadata: {} } });
    const signOn = async (version: number, decision: 'approve' | 'reject') => {
      const request = await createReleaseRequest({ ctx: contextFor(t.db, scientist), input: { modelId: model.id, version, alias: 'production', changeSummary: `v${version}`, expectedImpact: 'None.', rollbackPlan: 'Roll back.' } });
      const view = await getReleaseRequest({ ctx: contextFor(t.db, approver), input: { requestId: request.id } });
      await signDecision({ ctx: contextFor(t.db, approver), input: { requestId: request.id, decision, reason: `${decision} v${version}`, meaning: view.viewer.meanings[decision], password: PASSWORD } });
      return request.id;
    };
    const approved = await signOn(1, 'approve');
    const rejected = await signOn(2, 'reject');
    // After both signatures the model's rules start to require a complete model card.
    await setModelReleaseRules({
      ctx: contextFor(t.db, reviewer),
      input: { modelId: model.id, rules: { approvals: [], requireModelCard: true, requireEvaluation: false, evaluationDatasetName: null, thresholds: [], rejectUnverifiedEvaluations: false, requireNoCriticalDrift: false } },
    });

    const doc = JSON.parse((await exportReleaseEvidence({ ctx: contextFor(t.db, auditor), input: { requestId: approved } })).body) as { gatesNote: string; releases: RequestEvidence[] };
    expect(doc.gatesNote).toMatch(/gatesAtSigning are the gates as each signer saw them/);
    const [release] = doc.releases;
    const [signature] = release?.signatures ?? [];
    const [signedRow] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, approved), eq(auditEvents.action, 'decision.signed')));
    expect(signature?.gatesAtSigning).toMatchObject({ auditSeq: signedRow?.seq, auditHash: signedRow?.hash });
    expect(signature?.gatesAtSigning?.gates.map((g) => [g.key, g.required, g.status])).toEqual([
      ['model_card', false, 'not_configured'],
      ['evaluation', false, 'not_configured'],
      ['drift', false, 'not_configured'],
    ]);
    expect(signature?.gatesAtSigning?.gates[0]).toMatchObject({ label: 'Model card complete', detail: expect.stringMatching(/^Not required by the policy/) });
    expect(release?.gatesAtExport[0]).toMatchObject({ key: 'model_card', required: true, status: 'fail' });

    // A rejection records the gates its signer saw too.
    const rejectedDoc = JSON.parse((await exportReleaseEvidence({ ctx: contextFor(t.db, auditor), input: { requestId: rejected } })).body) as { releases: RequestEvidence[] };
    expect(rejectedDoc.releases[0]?.signatures[0]).toMatchObject({ decision: 'reject', gatesAtSigning: { gates: expect.arrayContaining([expect.objectContaining({ key: 'model_card', status: 'not_configured' })]) } });

    const html = (await exportReleaseEvidence({ ctx: contextFor(t.db, auditor), input: { requestId: approved, format: 'html' } })).body;
    const atSigning = html.slice(html.indexOf('<h3>Gates at signing</h3>'), html.indexOf('<h3>Gates at export</h3>'));
    const atExport = html.slice(html.indexOf('<h3>Gates at export</h3>'), html.indexOf('<h3>Version'));
    expect(atSigning).toContain(`audit event #${signedRow?.seq}`);
    expect(atSigning).toMatch(/Model card complete<\/td><td>no<\/td><td><strong>not configured<\/strong>/);
    expect(atExport).toMatch(/Model card complete<\/td><td>yes<\/td><td><strong>fail<\/strong>/);
  });

  it('exports all releases of a model in a date range, and audits every export', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const inRange = JSON.parse((await exportModelReleaseEvidence({ ctx: contextFor(t.db, auditor), input: { modelId, from: today, to: today } })).body) as { releases: RequestEvidence[] };
    expect(inRange.releases).toHaveLength(1);
    const before = JSON.parse((await exportModelReleaseEvidence({ ctx: contextFor(t.db, auditor), input: { modelId, to: '2020-01-01' } })).body) as { releases: RequestEvidence[] };
    expect(before.releases).toHaveLength(0);
    const exports = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'release.evidence_exported'));
    expect(exports.length).toBeGreaterThanOrEqual(5);
    expect(exports.every((e) => e.actorName === 'Aldo Auditor')).toBe(true);
  });

  it('selects a model\'s releases by when they were released, leaves out requests never released, and refuses a range over the limit', async () => {
    const model = await registerModel({ ctx: contextFor(t.db, scientist), input: { name: 'Range Model', ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'low' } });
    for (const seed of [7, 8, 9]) await createVersion({ ctx: contextFor(t.db, scientist), input: { modelId: model.id, files: tfjsModelFiles({ seed }).files, metadata: {} } });
    const release = async (version: number, approve = true) => {
      const request = await createReleaseRequest({ ctx: contextFor(t.db, scientist), input: { modelId: model.id, version, alias: 'staging', changeSummary: `v${version}`, expectedImpact: 'None.', rollbackPlan: 'Roll back.' } });
      if (approve) {
        const view = await getReleaseRequest({ ctx: contextFor(t.db, approver), input: { requestId: request.id } });
        await signDecision({ ctx: contextFor(t.db, approver), input: { requestId: request.id, decision: 'approve', reason: 'Fine', meaning: view.viewer.meanings.approve, password: PASSWORD } });
      }
      return request;
    };
    const exportRange = async (from?: string, to?: string) =>
      (JSON.parse((await exportModelReleaseEvidence({ ctx: contextFor(t.db, auditor), input: { modelId: model.id, from, to } })).body) as { selection: string; releases: RequestEvidence[] }).releases.map((r) => r.reference);
    // Released in mid-2021, asked for today.
    const old = await release(1);
    await t.db.update(releaseRequests).set({ releasedAt: new Date('2021-06-15T12:00:00Z') }).where(eq(releaseRequests.id, old.id));
    // Asked for in 2020, released today.
    const recent = await release(2);
    await t.db.update(releaseRequests).set({ createdAt: new Date('2020-01-01T09:00:00Z') }).where(eq(releaseRequests.id, recent.id));
    // Asked for today, never released.
    await release(3, false);
    const today = new Date().toISOString().slice(0, 10);
    expect(await exportRange('2021-06-15', '2021-06-15')).toEqual([`REL-${old.number}`]);
    expect(await exportRange(today, today)).toEqual([`REL-${recent.number}`]);
    expect(await exportRange('2020-01-01', '2020-12-31')).toEqual([]);
    expect(await exportRange()).toEqual([`REL-${old.number}`, `REL-${recent.number}`]);
    await expect(exportRange(today, '2021-01-01')).rejects.toThrow(/starts \(\d{4}-\d\d-\d\d\) after it ends \(2021-01-01\)/);

    // More releases in the range than one export holds: refused with what to do, nothing cut off or audited.
    const [v1] = await t.db.select({ id: releaseRequests.versionId }).from(releaseRequests).where(eq(releaseRequests.id, old.id));
    const many = Array.from({ length: MODEL_EVIDENCE_LIMIT + 1 }, (_, i) => ({
      modelId: model.id,
      versionId: v1?.id ?? '',
      version: 1,
      alias: 'staging',
      state: 'released' as const,
      changeSummary: `bulk ${i}`,
      expectedImpact: 'None.',
      rollbackPlan: 'None.',
      requestedBy: scientist.id,
      requestedByName: scientist.name,
      releasedAt: new Date(Date.UTC(2019, 2, 1 + (i % 28), 12)),
    }));
    await t.db.insert(releaseRequests).values(many);
    const audited = async () => (await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, model.id), eq(auditEvents.action, 'release.evidence_exported')))).length;
    const exportsBefore = await audited();
    const refused = await exportRange('2019-01-01', '2019-12-31').catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).message).toMatch(new RegExp(`Range Model has ${MODEL_EVIDENCE_LIMIT + 1} releases from 2019-01-01 to 2019-12-31; one export holds at most ${MODEL_EVIDENCE_LIMIT}\\. Narrow the range`));
    expect((refused as ValidationError).details).toEqual({ releases: MODEL_EVIDENCE_LIMIT + 1, limit: MODEL_EVIDENCE_LIMIT });
    await expect(exportRange()).rejects.toThrow(/in all; one export holds at most/);
    expect(await audited()).toBe(exportsBefore);
    // A narrower range goes through.
    expect(await exportRange('2019-03-28', '2019-03-28')).toHaveLength(many.filter((r) => r.releasedAt.getUTCDate() === 28).length);
  });

  it('refuses people without a reading role, unknown ids and bad input', async () => {
    const nobody = await createUserWithSession(t.db, []);
    await expect(exportReleaseEvidence({ ctx: contextFor(t.db, nobody), input: { requestId } })).rejects.toThrow(ForbiddenError);
    await expect(exportReleaseEvidence({ ctx: contextFor(t.db, auditor), input: { requestId: '00000000-0000-4000-8000-000000000000' } })).rejects.toThrow(NotFoundError);
    await expect(exportReleaseEvidence({ ctx: contextFor(t.db, auditor), input: { requestId, format: 'pdf' } })).rejects.toThrow(ValidationError);
    await expect(exportModelReleaseEvidence({ ctx: contextFor(t.db, auditor), input: { modelId, from: 'yesterday' } })).rejects.toThrow(ValidationError);
  });
});
