// The gates a release must pass before it can be approved, computed from the evidence alone, so the
// request page, the approval check and the evidence export all show the same verdicts.
import { MODEL_CARD_FIELDS, type ModelCardField } from '@/lib/validation/catalog';
import type { EffectivePolicy, Gate, MetricThreshold } from '@/lib/validation/releases';

export type GateEvaluation = {
  id: string;
  contentDigest: string;
  datasetSource: string;
  datasetName: string;
  datasetSha256: string;
  verified: boolean;
  metrics: Record<string, number | null>;
  createdAt: Date | string;
  createdByName: string;
};

export type GateInput = {
  policy: EffectivePolicy;
  contentDigest: string;
  card: { filled: number; total: number; missing: ModelCardField[] };
  referenceDataset: { name: string; sha256: string } | null;
  /** Newest first. */
  evaluations: readonly GateEvaluation[];
  /** Open critical drift alerts on this version; undefined where monitoring is not available. */
  driftAlerts?: { deployments: number; alerts: { reference: string; title: string }[] };
};

const cardLabel = (key: ModelCardField) => MODEL_CARD_FIELDS.find(([k]) => k === key)?.[1] ?? key;

export const thresholdText = (t: MetricThreshold) => `${t.metric} ${t.op === 'gte' ? '≥' : '≤'} ${t.value}`;

export function meetsThreshold(t: MetricThreshold, value: number | null | undefined): boolean {
  if (value === null || value === undefined || !Number.isFinite(value)) return false;
  return t.op === 'gte' ? value >= t.value : value <= t.value;
}

function modelCardGate({ policy, card }: GateInput): Gate {
  const complete = card.missing.length === 0;
  const detail = complete
    ? `All ${card.total} model card sections are filled in.`
    : `${card.filled} of ${card.total} sections filled; missing: ${card.missing.map(cardLabel).join(', ')}.`;
  return {
    key: 'model_card',
    label: 'Model card complete',
    required: policy.requireModelCard,
    status: policy.requireModelCard ? (complete ? 'pass' : 'fail') : 'not_configured',
    detail: policy.requireModelCard ? detail : `Not required by the policy. ${detail}`,
    evidence: { filled: card.filled, total: card.total, missing: card.missing },
  };
}

function evaluationGate({ policy, contentDigest, referenceDataset, evaluations }: GateInput): Gate {
  const base = { key: 'evaluation' as const, label: 'Evaluation meets thresholds', required: policy.requireEvaluation };
  const wanted = policy.evaluationDatasetName;
  const datasetText = wanted ? `dataset “${wanted}”` : referenceDataset ? `the reference dataset (${referenceDataset.name})` : 'the reference dataset';
  const onDataset = evaluations.filter((e) => e.contentDigest === contentDigest && (wanted ? e.datasetName === wanted : !!referenceDataset && e.datasetSha256 === referenceDataset.sha256));
  const eligible = onDataset.filter((e) => e.verified || policy.acceptUnverifiedEvaluations);
  const latest = eligible[0];
  if (!policy.requireEvaluation) {
    return { ...base, status: 'not_configured', detail: 'Not required by the policy.', ...(latest ? { evidence: evidenceOf(latest, []) } : {}) };
  }
  if (!wanted && !referenceDataset) return { ...base, status: 'fail', detail: 'The version has no reference dataset to evaluate on; attach one or name a dataset in the model’s release rules.' };
  if (!latest) {
    const unverifiedOnly = onDataset.length > 0;
    return {
      ...base,
      status: 'fail',
      detail: unverifiedOnly
        ? `Only evaluations on local data exist for ${datasetText}; the policy needs one verified by the server.`
        : `No evaluation of this version on ${datasetText} has been saved yet.`,
    };
  }
  const results = policy.thresholds.map((t) => ({ threshold: thresholdText(t), value: latest.metrics[t.metric] ?? null, met: meetsThreshold(t, latest.metrics[t.metric]) }));
  const failed = results.filter((r) => !r.met);
  const when = new Date(latest.createdAt).toISOString().slice(0, 16).replace('T', ' ');
  const who = `evaluated by ${latest.createdByName} on ${when} UTC${latest.verified ? ', verified by the server' : ', local data, not verified'}`;
  const detail =
    results.length === 0
      ? `An evaluation on ${datasetText} exists (${who}); no metric thresholds are set for this model.`
      : failed.length === 0
        ? `All thresholds met (${results.map((r) => `${r.threshold}: ${fmt(r.value)}`).join('; ')}); ${who}.`
        : `Not met: ${failed.map((r) => `${r.threshold} (got ${fmt(r.value)})`).join('; ')}; ${who}.`;
  return { ...base, status: failed.length === 0 ? 'pass' : 'fail', detail, evidence: evidenceOf(latest, results) };
}

const fmt = (v: number | null) => (v === null ? 'none' : Number(v.toPrecision(4)).toString());

function evidenceOf(e: GateEvaluation, thresholds: { threshold: string; value: number | null; met: boolean }[]) {
  return { evaluationId: e.id, datasetName: e.datasetName, datasetSha256: e.datasetSha256, verified: e.verified, metrics: e.metrics, thresholds, evaluatedBy: e.createdByName, evaluatedAt: new Date(e.createdAt).toISOString() };
}

function driftGate({ policy, driftAlerts }: GateInput): Gate {
  const base = { key: 'drift' as const, label: 'No open critical drift alert', required: policy.requireNoCriticalDrift };
  if (driftAlerts === undefined) {
    return { ...base, status: 'not_available', detail: 'Drift monitoring is not available, so this gate cannot be checked.' };
  }
  const open = driftAlerts.alerts;
  const monitored = driftAlerts.deployments > 0 ? `${driftAlerts.deployments} deployment${driftAlerts.deployments === 1 ? '' : 's'} of this model monitored` : 'no deployment of this model is monitored yet';
  const detail = open.length === 0 ? `No open critical drift alert on this version (${monitored}).` : `Open critical drift alert${open.length === 1 ? '' : 's'}: ${open.map((a) => `${a.reference} ${a.title}`).join('; ')}.`;
  const status = open.length === 0 ? 'pass' : 'fail';
  return {
    ...base,
    status: policy.requireNoCriticalDrift ? status : 'not_configured',
    detail: policy.requireNoCriticalDrift ? detail : `Not required by the policy. ${detail}`,
    evidence: { openAlerts: open.map((a) => a.reference), deployments: driftAlerts.deployments },
  };
}

export function evaluateGates(input: GateInput): Gate[] {
  return [modelCardGate(input), evaluationGate(input), driftGate(input)];
}

/** Gates that block approval: required and not passed. */
export const blockingGates = (gates: readonly Gate[]) => gates.filter((g) => g.required && g.status !== 'pass');
