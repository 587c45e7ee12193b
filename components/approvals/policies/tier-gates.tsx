// The gate switches of a tier policy: which checks a release request of the tier must pass before
// anyone can approve it.
import type { TierPolicy } from '@/lib/validation/releases';
import { GateSwitch } from './gate-switch';

type TierGatesProps = { policy: TierPolicy; onChange: (patch: Partial<TierPolicy>) => void };

export function TierGates({ policy, onChange }: TierGatesProps) {
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="mb-1 text-sm font-medium">Gates</legend>
      <GateSwitch
        label="Model card complete"
        description="Every required field of the version’s model card is filled in."
        checked={policy.requireModelCard}
        onCheckedChange={(requireModelCard) => onChange({ requireModelCard })}
      />
      <GateSwitch
        label="Evaluation required"
        description="The version has a saved evaluation (on its reference dataset unless the model names another)."
        checked={policy.requireEvaluation}
        onCheckedChange={(requireEvaluation) => onChange({ requireEvaluation })}
      />
      <GateSwitch
        label="Accept unverified evaluations"
        description="Evaluations run on local data, whose metrics the server could not recompute, count for the evaluation gate."
        checked={policy.acceptUnverifiedEvaluations}
        onCheckedChange={(acceptUnverifiedEvaluations) => onChange({ acceptUnverifiedEvaluations })}
      />
      <GateSwitch
        label="No critical drift"
        description="The version has no critical drift alert from monitoring that is still unresolved (acknowledged ones still block)."
        checked={policy.requireNoCriticalDrift}
        onCheckedChange={(requireNoCriticalDrift) => onChange({ requireNoCriticalDrift })}
        data-testid="drift-gate"
      />
    </fieldset>
  );
}
