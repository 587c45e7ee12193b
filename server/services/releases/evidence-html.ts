// The printable form of release evidence: plain HTML and CSS, no scripts, every value escaped.
import 'server-only';
import { savedBackendLabel } from '@/lib/evaluation/wasm-threads-label';
import { markdownToHtml } from '@/lib/markdown/to-html';
import { MODEL_CARD_FIELDS } from '@/lib/validation/catalog';
import { DECISION_LABELS, RELEASE_STATE_LABELS } from '@/lib/validation/releases';
import type { RequestEvidence } from './request-evidence';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
const utc = (value: Date | string | null | undefined) => (value ? `${new Date(value).toISOString().replace('T', ' ').slice(0, 19)} UTC` : '—');
const num = (v: number | null | undefined) => (v === null || v === undefined ? '—' : Number(v.toPrecision(6)).toString());

const table = (head: string[], rows: string[][]) =>
  `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('') || `<tr><td colspan="${head.length}">None.</td></tr>`}</tbody></table>`;

const status = (s: string) => esc(s.replace('_', ' '));

type Signature = RequestEvidence['signatures'][number];
function gatesAtSigningRows(s: Signature): string[][] {
  const who = `${esc(DECISION_LABELS[s.decision])} by ${esc(s.printedName)}<br><span class="muted">${esc(s.signedAtUtc)}</span>`;
  const at = s.gatesAtSigning;
  if (!at) return [[who, '—', '—', '<strong>not recorded</strong>', 'This signature’s audit event holds no gates.']];
  return at.gates.map((g, i) => [
    i === 0 ? `${who}<br><span class="muted">audit event #${at.auditSeq}</span>` : '',
    esc(g.label),
    g.required ? 'yes' : 'no',
    `<strong>${status(g.status)}</strong>`,
    esc(g.detail ?? ''),
  ]);
}

function release(r: RequestEvidence, exportedAt: string): string {
  const q = r.request;
  const card = r.modelCard.current as Record<string, string | undefined>;
  return `
<section class="release">
  <h2>${esc(r.reference)}: ${esc(r.model.name)} v${r.version.version} → ${esc(q.alias)} <span class="state">${esc(RELEASE_STATE_LABELS[q.state])}</span></h2>
  ${table(['Field', 'Value'], [
    ['Kind', esc(q.kind === 'rollback_review' ? 'Review of a rollback' : q.kind === 're_review' ? 'Re-review after a drift alert' : 'Release')],
    ['Model', `${esc(r.model.name)} (risk tier ${esc(r.model.riskTier)}, ${esc(r.model.taskType)}, owner ${esc(r.model.ownerTeam)})`],
    ['Requested by', `${esc(q.requestedBy.name)} on ${utc(q.createdAt)}`],
    ['Submitted', utc(q.submittedAt)],
    ['Decided', utc(q.decidedAt)],
    ['Released', utc(q.releasedAt)],
    ['Replaced version', esc(q.snapshotAtSubmission?.currentHolder ? `v${q.snapshotAtSubmission.currentHolder.version} (${q.snapshotAtSubmission.currentHolder.contentDigest})` : 'none (first release to this alias)')],
    ['Rolled back', q.rolledBackAt ? utc(q.rolledBackAt) : '—'],
    ['Change summary', esc(q.changeSummary)],
    ['Expected impact', esc(q.expectedImpact)],
    ['Rollback plan', esc(q.rollbackPlan)],
  ])}

  <h3>Signatures</h3>
  ${table(
    ['Decision', 'Printed name (email, user ID)', 'Roles (counted as)', 'Signed (UTC)', 'Meaning', 'Reason', 'Digest signed', 'Authentication'],
    r.signatures.map((s) => [
      `<strong>${esc(DECISION_LABELS[s.decision])}</strong>`,
      `${esc(s.printedName)}<br><span class="muted">${esc(s.signerEmail)}</span><br><span class="muted">User ID <code>${esc(s.signerId)}</code></span>`,
      `${esc(s.signerRoles.join(', '))}${s.countedAs ? ` (${esc(s.countedAs)})` : ''}`,
      esc(s.signedAtUtc),
      `“${esc(s.meaning)}”`,
      esc(s.reason),
      `<code>${esc(s.signedDigest)}</code>`,
      esc(s.authentication),
    ]),
  )}

  <h3>Gates at signing</h3>
  <p class="muted">As each signer saw them, from that signature's <code>decision.signed</code> audit event.</p>
  ${table(['Signature', 'Gate', 'Required', 'Status', 'Detail'], r.signatures.flatMap(gatesAtSigningRows))}

  <h3>Gates at export</h3>
  <p class="muted">Recomputed from the evidence when this file was made (${esc(exportedAt)}); they may differ from the gates at signing.</p>
  ${table(['Gate', 'Required', 'Status', 'Detail'], r.gatesAtExport.map((g) => [esc(g.label), g.required ? 'yes' : 'no', `<strong>${status(g.status)}</strong>`, esc(g.detail)]))}
  <p class="muted">Policy: approvals ${esc(r.policy.approvals.map((a) => `${a.count} ${a.role}`).join(' + '))}; thresholds ${esc(r.policy.thresholds.map((t) => `${t.metric} ${t.op === 'gte' ? '≥' : '≤'} ${t.value}`).join(', ') || 'none')}; pending requests expire after ${r.policy.expiryDays} days.</p>

  <h3>Version ${r.version.version}</h3>
  <p>Content digest <code>${esc(r.version.contentDigest)}</code>, ${esc(r.version.format)}, ${r.version.totalBytes} bytes, created ${utc(r.version.createdAt)}, submitted ${utc(r.version.submittedAt)}${r.version.editedAfterSubmission ? ' — <strong>metadata edited after submission</strong> (see the audit events)' : ''}.</p>
  ${table(['File', 'SHA-256', 'Bytes'], r.version.files.map((f) => [esc(f.name), `<code>${esc(f.sha256)}</code>`, String(f.size)]))}
  <p>Metrics at training: ${esc(Object.entries(r.version.metricsAtTraining).map(([k, v]) => `${k} ${num(v)}`).join(', ') || 'none')}. Lineage: <code>${esc(JSON.stringify(r.version.lineage))}</code></p>

  <h3>Model card (${r.modelCard.completeness.filled}/${r.modelCard.completeness.total} sections)</h3>
  ${MODEL_CARD_FIELDS.map(([key, label]) => `<h4>${esc(label)}</h4>${card[key]?.trim() ? `<div class="card">${markdownToHtml(card[key])}</div>` : '<p class="muted">— not filled in —</p>'}`).join('')}

  <h3>Evaluations</h3>
  ${table(
    ['When (UTC)', 'By', 'Dataset', 'Rows', 'Backend', 'Verified', 'Metrics'],
    r.evaluations.map((e) => [
      utc(e.createdAt),
      esc(e.createdByName),
      `${esc(e.datasetName)}<br><code>${esc(e.datasetSha256)}</code>`,
      String(e.evaluatedRows),
      esc(savedBackendLabel(e)),
      e.verified ? 'verified by the server' : 'local data, not verified',
      esc(Object.entries(e.metrics).map(([k, v]) => `${k} ${num(v)}`).join(', ')),
    ]),
  )}

  <h3>Timeline</h3>
  ${table(['When (UTC)', 'Change', 'By', 'Note'], r.transitions.map((x) => [utc(x.at), esc(`${x.from ?? '—'} → ${x.to}`), esc(x.by), esc(x.note ?? '')]))}
  ${r.comments.length ? `<h3>Comments</h3>${table(['When (UTC)', 'By', 'Comment'], r.comments.map((c) => [utc(c.at), esc(c.by), `<span class="pre">${esc(c.body)}</span>`]))}` : ''}

  <h3>Audit events</h3>
  ${table(
    ['Seq', 'When (UTC)', 'Action', 'Actor', 'Hash / previous hash', 'Canonical (hashed text)'],
    r.auditEvents.map((e) => [String(e.seq), utc(e.occurredAt), esc(e.action), esc(e.actorName), `<code>${esc(e.hash)}</code><br><code class="muted">${esc(e.prevHash)}</code>`, `<code class="canonical">${esc(e.canonical)}</code>`]),
  )}
</section>`;
}

export function renderEvidenceHtml(doc: { title: string; exportedAt: string; exportedBy: string; howToVerify: string; selection?: string; releases: RequestEvidence[] }): string {
  const exportedAt = utc(doc.exportedAt);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(doc.title)}</title>
<style>
  body { font: 13px/1.45 system-ui, sans-serif; color: #111; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; }
  h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; border-bottom: 2px solid #333; padding-bottom: .2rem; margin-top: 2rem; }
  h3 { font-size: 1rem; margin-top: 1.2rem; } h4 { font-size: .85rem; margin: .6rem 0 .1rem; }
  table { border-collapse: collapse; width: 100%; margin: .4rem 0; } th, td { border: 1px solid #bbb; padding: .25rem .4rem; text-align: left; vertical-align: top; }
  th { background: #f1f1f1; } code { font: 11px ui-monospace, monospace; word-break: break-all; } .canonical { font-size: 9.5px; }
  .muted { color: #555; } .pre { white-space: pre-wrap; margin: 0; } .card table { font-size: .85rem; } .card p { margin: .3rem 0; } .state { font-size: .8rem; border: 1px solid #333; border-radius: 3px; padding: 0 .3rem; }
  .release { page-break-before: always; } .release:first-of-type { page-break-before: auto; }
  @media print { body { margin: 0; max-width: none; } }
</style></head><body>
<h1>${esc(doc.title)}</h1>
<p>Exported ${exportedAt} by ${esc(doc.exportedBy)} from Modelgate. ${doc.releases.length} release request${doc.releases.length === 1 ? '' : 's'}. Print with your browser (Ctrl+P / ⌘P).</p>
${doc.selection ? `<p>${esc(doc.selection)}</p>` : ''}
<p class="muted">${esc(doc.howToVerify)}</p>
${doc.releases.map((r) => release(r, exportedAt)).join('\n')}
</body></html>`;
}
