// Which policy a release request is judged by: the one it was submitted under, with any later
// tightening (of the model's tier, its rules or the tier policy); a loosening never applies to it.
import type { EffectivePolicy, ReleaseState } from '@/lib/validation/releases';

type Props = {
  policy: EffectivePolicy;
  submittedPolicy: EffectivePolicy | null;
  tightenedSince: string[];
  modelTier: EffectivePolicy['riskTier'];
  state: ReleaseState;
};

export function JudgedPolicyNote({ policy, submittedPolicy, tightenedSince, modelTier, state }: Props) {
  if (!submittedPolicy) {
    return (
      <p className="text-xs text-muted-foreground" data-testid="judged-policy">
        Not submitted yet: the {policy.riskTier}-risk policy as it stands now. Submitting fixes it for this request.
      </p>
    );
  }
  const lowered = modelTier !== policy.riskTier && modelTier !== submittedPolicy.riskTier ? modelTier : null;
  return (
    <div className="flex flex-col gap-1 text-xs" data-testid="judged-policy" data-tier={policy.riskTier} data-submitted-tier={submittedPolicy.riskTier}>
      <p>
        Judged by the <strong>{submittedPolicy.riskTier}-risk</strong> policy it was submitted under
        {tightenedSince.length > 0 ? ', tightened since' : ''}. A later loosening of the model’s tier or rules does not apply to it.
      </p>
      {lowered ? (
        <p className="text-muted-foreground" data-testid="judged-policy-lowered">
          The model is now {lowered}-risk; that applies to requests submitted from now on, not to this one.
        </p>
      ) : null}
      {tightenedSince.length > 0 ? (
        <p className="text-warning" data-testid="judged-policy-tightened">
          Tightened since submission, and {state === 'approved' ? 'needed before it can be released' : 'applying to this request too'}: {tightenedSince.join('; ')}.
        </p>
      ) : null}
    </div>
  );
}
