// Evidence for auditors: one release request, or every release request of a model in a time range,
// with the version's metadata and digests, model card, evaluations, gates, every signature with its
// meaning, and the related audit events with their hashes (so they can be checked against the chain).
import 'server-only';
import { and, asc, eq, gte, isNotNull, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { evidenceRangeSchema } from '@/lib/validation/releases';
import { registeredModels, releaseRequests } from '@/server/db/schema';
import { NotFoundError, ValidationError } from '@/server/errors';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { mutate } from '../mutate';
import { parseInput } from '../validate';
import { renderEvidenceHtml } from './evidence-html';
import { requestEvidence, type RequestEvidence } from './request-evidence';

const EVIDENCE_FORMATS = ['json', 'html'] as const;
const format = z.enum(EVIDENCE_FORMATS).default('json');

const GATES_NOTE =
  'signatures[].gatesAtSigning are the gates as each signer saw them, read from that signature\'s decision.signed audit event (its seq and hash are given, so they can be checked against the chain); null where the event holds none (signatures made before gate snapshots were kept for every decision). gatesAtExport are recomputed from the evidence when this file was made and may differ from what was signed.';

const SELECTION_NOTE =
  'The release requests of this model released within the range (by release time, UTC days, both ends included), oldest first; requests never released (drafts, pending, rejected, withdrawn, expired, superseded) are not included.';

const VERIFY_HOW =
  'Each audit event carries the exact text that was hashed (canonical, RFC 8785 JSON). hash = SHA-256(canonical || prevHash), hex; prevHash is the hash of the event with the previous sequence number. Recompute the hashes here and compare them with the trail, or run `npm run audit:verify` against the database to check the whole chain.';


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
