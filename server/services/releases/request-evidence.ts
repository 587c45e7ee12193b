// One release request's evidence, read from the database: the version's metadata and digests,
// model card, evaluations, gates, every signature with its meaning and the related audit events.
// The exports (evidence.ts) and their printable form (evidence-html.ts) both build on it.
import 'server-only';
import { and, asc, eq, gte, inArray, lte, or } from 'drizzle-orm';
import { z } from 'zod';
import { modelCardCompleteness } from '@/lib/validation/catalog';
import type { DbOrTx } from '@/server/db/connect';
import { auditEvents, evaluations, releaseComments, releaseDecisions, releaseTransitions, versionFiles } from '@/server/db/schema';
import { judgedPolicy, loadEffectivePolicy } from './policies';
import { findRequest, gatesFor, reference } from './request-state';

// What a decision.signed audit event records about the gates. Older events hold key, required and
// status only; rejections and change requests signed before every decision kept gates hold none.
const signedGatesSchema = z.object({
  signatureId: z.string(),
  gates: z.array(
    z.object({
      key: z.enum(['model_card', 'evaluation', 'drift']),
      label: z.string().optional(),
      required: z.boolean(),
      status: z.enum(['pass', 'fail', 'not_configured', 'not_available']),
      detail: z.string().optional(),
    }),
  ),
});

export async function requestEvidence(db: DbOrTx, requestId: string) {
  const { request, model, version } = await findRequest(db, requestId);
  const policy = judgedPolicy(request, await loadEffectivePolicy(db, model));
  const [files, evals, decisions, transitions, comments, { gates, evidence }] = await Promise.all([
    db.select({ name: versionFiles.name, sha256: versionFiles.sha256, size: versionFiles.size, role: versionFiles.role }).from(versionFiles).where(eq(versionFiles.versionId, version.id)).orderBy(asc(versionFiles.position)),
    db.select().from(evaluations).where(eq(evaluations.versionId, version.id)).orderBy(asc(evaluations.createdAt)),
    db.select().from(releaseDecisions).where(eq(releaseDecisions.requestId, request.id)).orderBy(asc(releaseDecisions.signedAt)),
    db.select().from(releaseTransitions).where(eq(releaseTransitions.requestId, request.id)).orderBy(asc(releaseTransitions.at)),
    db.select().from(releaseComments).where(eq(releaseComments.requestId, request.id)).orderBy(asc(releaseComments.createdAt)),
    gatesFor(db, version, policy),
  ]);
  const related = [request.id, version.id, ...evals.map((e) => e.id)];
  const events = await db
    .select()
    .from(auditEvents)
    .where(
      or(
        inArray(auditEvents.entityId, related),
        // Alias moves and rule changes on the model while the request was open.
        and(
          eq(auditEvents.entityId, model.id),
          inArray(auditEvents.action, ['alias.moved', 'alias.removed', 'model_release_rules.updated']),
          gte(auditEvents.occurredAt, request.createdAt),
          lte(auditEvents.occurredAt, request.decidedAt ? new Date(Math.max(request.decidedAt.getTime(), request.releasedAt?.getTime() ?? 0) + 1000) : new Date()),
        ),
      ),
    )
    .orderBy(asc(auditEvents.seq));
  const labelOf = new Map(gates.map((g) => [g.key, g.label]));
  const gatesAtSigning = new Map<string, { auditSeq: number; auditHash: string; gates: { key: string; label: string; required: boolean; status: string; detail: string | null }[] }>();
  for (const e of events) {
    if (e.action !== 'decision.signed' || e.entityId !== request.id) continue;
    const parsed = signedGatesSchema.safeParse(e.after);
    if (!parsed.success) continue;
    gatesAtSigning.set(parsed.data.signatureId, {
      auditSeq: e.seq,
      auditHash: e.hash,
      gates: parsed.data.gates.map((g) => ({ key: g.key, label: g.label ?? labelOf.get(g.key) ?? g.key, required: g.required, status: g.status, detail: g.detail ?? null })),
    });
  }
  return {
    reference: reference(request),
    request: {
      id: request.id,
      kind: request.kind,
      state: request.state,
      alias: request.alias,
      changeSummary: request.changeSummary,
      expectedImpact: request.expectedImpact,
      rollbackPlan: request.rollbackPlan,
      requestedBy: { id: request.requestedBy, name: request.requestedByName },
      createdAt: request.createdAt,
      submittedAt: request.submittedAt,
      expiresAt: request.expiresAt,
      decidedAt: request.decidedAt,
      releasedAt: request.releasedAt,
      rollbackTargetVersion: request.rollbackTargetVersion,
      rolledBackAt: request.rolledBackAt,
      round: request.round,
      snapshotAtSubmission: request.snapshot,
    },
    model: { id: model.id, name: model.name, riskTier: model.riskTier, taskType: model.taskType, ownerTeam: model.ownerTeam },
    version: {
      id: version.id,
      version: version.version,
      format: version.format,
      contentDigest: version.contentDigest,
      totalBytes: version.totalBytes,
      files,
      inputSchema: version.inputSchema,
      outputSchema: version.outputSchema,
      preprocessing: version.preprocessing,
      metricsAtTraining: version.metrics,
      lineage: version.lineage,
      createdBy: version.createdBy,
      createdAt: version.createdAt,
      submittedAt: version.submittedAt,
      // Since this request's (latest) submission; while it was pending or approved the version was frozen.
      editedAfterSubmission: !!request.submittedAt && version.updatedAt > request.submittedAt,
    },
    modelCard: { current: version.modelCard, completeness: modelCardCompleteness(version.modelCard) },
    referenceDataset: evidence.referenceDataset,
    evaluations: evals,
    policy,
    /** Recomputed now; what each signer saw is signatures[].gatesAtSigning. */
    gatesAtExport: gates,
    signatures: decisions.map((d) => ({
      id: d.id,
      decision: d.decision,
      printedName: d.signerName,
      signerId: d.signerId,
      signerEmail: d.signerEmail,
      signerRoles: d.signerRoles,
      countedAs: d.countedAs,
      signedAtUtc: d.signedAt.toISOString(),
      meaning: d.meaning,
      reason: d.reason,
      signedDigest: d.signedDigest,
      authentication: d.authMethod === 'password' ? 'password re-entered at signing' : 'single sign-on within the configured minutes',
      round: d.round,
      gatesAtSigning: gatesAtSigning.get(d.id) ?? null,
    })),
    transitions: transitions.map((x) => ({ from: x.fromState, to: x.toState, by: x.actorName, at: x.at, note: x.note })),
    comments: comments.map((c) => ({ by: c.authorName, at: c.createdAt, body: c.body })),
    auditEvents: events.map((e) => ({ seq: e.seq, occurredAt: e.occurredAt, action: e.action, actorName: e.actorName, entityType: e.entityType, entityId: e.entityId, reason: e.reason, canonical: e.canonical, prevHash: e.prevHash, hash: e.hash })),
  };
}
export type RequestEvidence = Awaited<ReturnType<typeof requestEvidence>>;
