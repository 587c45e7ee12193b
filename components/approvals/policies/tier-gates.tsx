// The gate switches of a tier policy. The drift gate is shown but locked: drift monitoring is not
// set up yet, so the gate could never pass and turning it on would block every release of the tier.
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
        description={
          <>
            Available once drift monitoring is set up.{policy.requireNoCriticalDrift ? ' Stored as on; it cannot be changed here until then.' : null}
          </>
        }
        checked={policy.requireNoCriticalDrift}
        onCheckedChange={() => undefined}
        disabled
        data-testid="drift-gate"
      />
    </fieldset>
  );
}
