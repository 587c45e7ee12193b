// What a model's release requests are actually held to: its tier's policy merged with the model's
// own rules. Items the model tightens are marked, so a reader sees where the stricter rule comes from.
import { Badge } from '@/components/ui/badge';
import type { EffectivePolicy, ModelReleaseRules, TierPolicy } from '@/lib/validation/releases';
import { describeApproval, describeThreshold } from './format';

const ModelRule = () => (
  <Badge variant="primary" className="ml-1.5 align-middle">
    this model
  </Badge>
);

type EffectivePolicyProps = { effective: EffectivePolicy; rules: ModelReleaseRules; tier: TierPolicy };

export function EffectivePolicyList({ effective, rules, tier }: EffectivePolicyProps) {
  const tierCount = (role: string) => tier.approvals.find((r) => r.role === role)?.count ?? 0;
  const tightensEvaluation =
    (effective.requireEvaluation && !tier.requireEvaluation) || (rules.rejectUnverifiedEvaluations && tier.acceptUnverifiedEvaluations) || !!rules.evaluationDatasetName;
  const evaluationOn = effective.evaluationDatasetName ? `on “${effective.evaluationDatasetName}”` : 'on the reference dataset';
  return (
    <dl className="grid grid-cols-[7.5rem_minmax(0,1fr)] gap-x-3 gap-y-2.5 text-sm" data-testid="effective-policy">
      <dt className="text-muted-foreground">Approvals</dt>
      <dd data-testid="effective-approvals">
        <ul className="flex flex-col gap-0.5">
          {effective.approvals.map((r) => (
            <li key={r.role} data-role={r.role}>
              {describeApproval(r)}
              {r.count > tierCount(r.role) ? <ModelRule /> : null}
            </li>
          ))}
        </ul>
      </dd>
      <dt className="text-muted-foreground">Model card</dt>
      <dd data-testid="effective-model-card">
        {effective.requireModelCard ? 'Must be complete' : 'Not required'}
        {rules.requireModelCard && !tier.requireModelCard ? <ModelRule /> : null}
      </dd>
      <dt className="text-muted-foreground">Evaluation</dt>
      <dd data-testid="effective-evaluation">
        {effective.requireEvaluation ? `Required ${evaluationOn}, ${effective.acceptUnverifiedEvaluations ? 'verified or on local data' : 'verified by the server'}` : 'Not required'}
        {tightensEvaluation ? <ModelRule /> : null}
      </dd>
      <dt className="text-muted-foreground">Thresholds</dt>
      <dd data-testid="effective-thresholds">
        {effective.thresholds.length === 0 ? (
          <span className="text-muted-foreground">None</span>
        ) : (
          <ul className="flex flex-col gap-0.5 font-mono text-xs">
            {effective.thresholds.map((t, i) => (
              <li key={i} data-testid="effective-threshold" data-metric={t.metric}>
                {describeThreshold(t)}
              </li>
            ))}
          </ul>
        )}
      </dd>
      <dt className="text-muted-foreground">Drift</dt>
      <dd data-testid="effective-drift">
        {effective.requireNoCriticalDrift ? 'No unresolved critical drift alert on the version' : 'Not checked'}
        {rules.requireNoCriticalDrift && !tier.requireNoCriticalDrift ? <ModelRule /> : null}
      </dd>
      <dt className="text-muted-foreground">Expiry</dt>
      <dd>
        {effective.expiryDays} day{effective.expiryDays === 1 ? '' : 's'} to decide
      </dd>
      <dt className="text-muted-foreground">On approval</dt>
      <dd>{effective.releaseOnApproval ? 'Released at once' : 'Waits for ops, an admin or the requester to release'}</dd>
    </dl>
  );
}
