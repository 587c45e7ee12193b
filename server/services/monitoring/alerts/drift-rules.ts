// Drift rules for the alert worker: a feature drift rule fires per drifted feature (its method and
// threshold override the defaults when set); a dataset drift rule fires when the share of drifted
// features reaches its threshold.
import 'server-only';
import type { DriftMethod } from '@/lib/drift';
import type { Database } from '@/server/db/connect';
import type { AlertRule } from '@/server/db/schema';
import { computeDrift, type DriftOverrides } from '../drift';
import { MIN_EVENTS, type Evaluation } from './evaluate';

export async function driftEvaluator(db: Database, rule: AlertRule, window: { from: Date; to: Date }): Promise<Evaluation> {
  const override = { ...(rule.method ? { method: rule.method as DriftMethod } : {}), ...(rule.threshold !== null && rule.kind === 'feature_drift' ? { threshold: rule.threshold } : {}) };
  const overrides: DriftOverrides = (feature) => (!rule.feature || rule.feature === feature ? override : undefined);
  const report = await computeDrift(db, { deploymentId: rule.deploymentId, ...window, shareThreshold: rule.kind === 'dataset_drift' ? (rule.threshold ?? 0.5) : 0.5, histograms: false, overrides });
  // The version serving at the end of the window, against its own reference; the alert names it.
  if (report.currentRows < MIN_EVENTS || !report.dataset) return { firing: [], checked: [] };
  const versionId = report.versionId;
  if (rule.kind === 'dataset_drift') {
    const d = report.dataset;
    const threshold = rule.threshold ?? 0.5;
    return {
      versionId,
      checked: [''],
      firing: d.drifted
        ? [{ subject: '', value: d.share, threshold, title: `Dataset drift: ${d.driftedCount} of ${d.featureCount} features drifted (${(d.share * 100).toFixed(0)}%, threshold ${(threshold * 100).toFixed(0)}%)`, details: { drifted: report.features.filter((f) => f.drifted).map((f) => f.feature), rows: report.currentRows } }]
        : [],
    };
  }
  const features = report.features.filter((f) => !f.skipped && (!rule.feature || f.feature === rule.feature));
  return {
    versionId,
    checked: features.map((f) => f.feature),
    firing: features
      .filter((f) => f.drifted)
      .map((f) => ({
        subject: f.feature,
        value: f.score ?? 0,
        threshold: f.threshold,
        title: `Drift in “${f.feature}” (${f.method} ${f.pValue !== null ? 'p-value' : 'statistic'} ${(f.score ?? 0).toPrecision(3)}, threshold ${f.threshold})`,
        details: { method: f.method, statistic: f.statistic, pValue: f.pValue, referenceCount: f.referenceCount, currentCount: f.currentCount },
      })),
  };
}
