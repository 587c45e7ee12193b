// Evidence for auditors: one release request, or every release request of a model in a time range,
// with the version's metadata and digests, model card, evaluations, gates, every signature with its
// meaning, and the related audit events with their hashes (so they can be checked against the chain).
import 'server-only';
import { and, asc, eq, gte, inArray, isNotNull, lte, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { evidenceRangeSchema } from '@/lib/validation/releases';
import { modelCardCompleteness } from '@/lib/validation/catalog';
import type { DbOrTx } from '@/server/db/connect';
import { auditEvents, evaluations, registeredModels, releaseComments, releaseDecisions, releaseRequests, releaseTransitions, versionFiles } from '@/server/db/schema';
import { NotFoundError, ValidationError } from '@/server/errors';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { mutate } from '../mutate';
import { parseInput } from '../validate';
import { renderEvidenceHtml } from './evidence-html';
import { judgedPolicy, loadEffectivePolicy } from './policies';
import { findRequest, gatesFor, reference } from './request-state';

export const EVIDENCE_FORMATS = ['json', 'html'] as const;
const format = z.enum(EVIDENCE_FORMATS).default('json');

const GATES_NOTE =
  'signatures[].gatesAtSigning are the gates as each signer saw them, read from that signature\'s decision.signed audit event (its seq and hash are given, so they can be checked against the chain); null where the event holds none (signatures made before gate snapshots were kept for every decision). gatesAtExport are recomputed from the evidence when this file was made and may differ from what was signed.';

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

const SELECTION_NOTE =
  'The release requests of this model released within the range (by release time, UTC days, both ends included), oldest first; requests never released (drafts, pending, rejected, withdrawn, expired, superseded) are not included.';

const VERIFY_HOW =
  'Each audit event carries the exact text that was hashed (canonical, RFC 8785 JSON). hash = SHA-256(canonical || prevHash), hex; prevHash is the hash of the event with the previous sequence number. Recompute the hashes here and compare them with the trail, or run `npm run audit:verify` against the database to check the whole chain.';

async function requestEvidence(db: DbOrTx, requestId: string) {
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

export type EvidenceFile = { filename: string; contentType: string; body: string };

type EvidenceDoc = { title: string; exportedAt: string; exportedBy: string; howToVerify: string; gatesNote: string; releases: RequestEvidence[] };

function asFile(kind: 'json' | 'html', name: string, doc: EvidenceDoc & Record<string, unknown>): EvidenceFile {
  const slug = name.replace(/[^\w.-]+/g, '-').slice(0, 80);
  if (kind === 'json') return { filename: `${slug}.json`, contentType: 'application/json', body: JSON.stringify(doc, null, 2) };
  return { filename: `${slug}.html`, contentType: 'text/html; charset=utf-8', body: renderEvidenceHtml(doc) };
}

export async function exportReleaseEvidence({ ctx, input }: VerbArgs<unknown>): Promise<EvidenceFile> {
  const user = requireCapability(ctx, 'release.read');
  const data = parseInput(z.object({ requestId: z.string().uuid(), format }), input);
  const evidence = await requestEvidence(ctx.db, data.requestId);
  await mutate(ctx, ({ audit }) => audit({ action: 'release.evidence_exported', entityType: 'release_request', entityId: data.requestId, after: { reference: evidence.reference, format: data.format } }));
  return asFile(data.format, `modelgate-evidence-${evidence.reference}`, {
    title: `Release evidence: ${evidence.reference}, ${evidence.model.name} v${evidence.version.version} to ${evidence.request.alias}`,
    exportedAt: new Date().toISOString(),
    exportedBy: user.name,
    howToVerify: VERIFY_HOW,
    gatesNote: GATES_NOTE,
    releases: [evidence],
  });
}

/** The most releases one model-wide export holds; a range with more is refused, never cut short. */
export const MODEL_EVIDENCE_LIMIT = 500;

export async function exportModelReleaseEvidence({ ctx, input }: VerbArgs<unknown>): Promise<EvidenceFile> {
  const user = requireCapability(ctx, 'release.read');
  const data = parseInput(evidenceRangeSchema.extend({ format }), input);
  const [model] = await ctx.db.select({ id: registeredModels.id, name: registeredModels.name }).from(registeredModels).where(eq(registeredModels.id, data.modelId));
  if (!model) throw new NotFoundError('This model does not exist.');
  const range = { from: data.from?.toISOString().slice(0, 10) ?? null, to: data.to?.toISOString().slice(0, 10) ?? null };
  if (data.from && data.to && data.from > data.to) throw new ValidationError(`The range starts (${range.from}) after it ends (${range.to}); swap the dates.`);
  // Releases are chosen by when they were released (UTC days, `to` inclusive): a request asked for
  // before the range but released in it belongs in it, and one never released is not a release.
  const to = data.to ? new Date(data.to.getTime() + 86_400_000 - 1) : undefined;
  const inRange = and(eq(releaseRequests.modelId, model.id), isNotNull(releaseRequests.releasedAt), data.from ? gte(releaseRequests.releasedAt, data.from) : undefined, to ? lte(releaseRequests.releasedAt, to) : undefined);
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(releaseRequests).where(inRange);
  if (n > MODEL_EVIDENCE_LIMIT) {
    throw new ValidationError(
      `${model.name} has ${n} releases ${range.from || range.to ? `from ${range.from ?? 'the start'} to ${range.to ?? 'now'}` : 'in all'}; one export holds at most ${MODEL_EVIDENCE_LIMIT}. Narrow the range (from / to) and export the parts separately.`,
      { releases: n, limit: MODEL_EVIDENCE_LIMIT },
    );
  }
  const requests = await ctx.db.select({ id: releaseRequests.id }).from(releaseRequests).where(inRange).orderBy(asc(releaseRequests.releasedAt), asc(releaseRequests.number));
  const releases: RequestEvidence[] = [];
  for (const r of requests) releases.push(await requestEvidence(ctx.db, r.id));
  await mutate(ctx, ({ audit }) => audit({ action: 'release.evidence_exported', entityType: 'registered_model', entityId: model.id, after: { model: model.name, format: data.format, ...range, requests: releases.map((r) => r.reference) } }));
  return asFile(data.format, `modelgate-evidence-${model.name}-${range.from ?? 'start'}-${range.to ?? 'now'}`, {
    title: `Release evidence: ${model.name}${range.from || range.to ? `, released ${range.from ?? 'start'} to ${range.to ?? 'now'}` : ', all releases'}`,
    exportedAt: new Date().toISOString(),
    exportedBy: user.name,
    howToVerify: VERIFY_HOW,
    gatesNote: GATES_NOTE,
    selection: SELECTION_NOTE,
    range,
    releases,
  });
}
