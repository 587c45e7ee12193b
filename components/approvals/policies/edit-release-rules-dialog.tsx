'use client';
// "Edit release rules": what one model adds to its tier's policy. It can only tighten it (the server
// merges counts by their maximum and gates by the stricter), which the form says where it matters.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Dialog } from '@/components/ui/dialog';
import { FormActions } from '@/components/ui/form-actions';
import { Input } from '@/components/ui/input';
import { FieldHint, Label } from '@/components/ui/label';
import { errorMessage } from '@/lib/trpc/error-message';
import type { RiskTier, TaskType } from '@/lib/validation/catalog';
import type { ModelReleaseRules, TierPolicy } from '@/lib/validation/releases';
import { ApprovalsEditor } from './approvals-editor';
import { describeApproval, TIER_LABELS } from './format';
import { GateSwitch } from './gate-switch';
import { ThresholdsEditor } from './thresholds-editor';

type ModelRef = { id: string; name: string; taskType: TaskType; riskTier: RiskTier };
type EditReleaseRulesProps = { model: ModelRef; rules: ModelReleaseRules; tier: TierPolicy; open: boolean; onClose: () => void };

export function EditReleaseRulesDialog({ model, rules, tier, open, onClose }: EditReleaseRulesProps) {
  return (
    <Dialog open={open} onClose={onClose} size="lg" title={`Release rules for ${model.name}`} description={`Added on top of the ${TIER_LABELS[model.riskTier].toLowerCase()} policy. Rules here can only make releases of this model stricter, never looser.`}>
      <EditReleaseRulesForm model={model} rules={rules} tier={tier} onDone={onClose} />
    </Dialog>
  );
}

function EditReleaseRulesForm({ model, rules, tier, onDone }: Omit<EditReleaseRulesProps, 'open' | 'onClose'> & { onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [draft, setDraft] = useState(rules);
  const [datasetName, setDatasetName] = useState(rules.evaluationDatasetName ?? '');
  const change = (patch: Partial<ModelReleaseRules>) => setDraft((d) => ({ ...d, ...patch }));
  const mutation = useMutation(
    trpc.releases.setModelRules.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.releases.pathKey() });
        onDone();
      },
    }),
  );
  const tierName = TIER_LABELS[model.riskTier].toLowerCase();
  const already = `The ${tierName} policy already requires this.`;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate({ modelId: model.id, rules: { ...draft, evaluationDatasetName: datasetName.trim() || null } });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-6">
      {mutation.error ? <Alert variant="error">{errorMessage(mutation.error)}</Alert> : null}
      <ApprovalsEditor
        idPrefix={`${id}-approvals`}
        legend="Extra approvals"
        hint={`Stricter only: each role needs the larger of the tier’s count and this one. The ${tierName} policy needs ${tier.approvals.map(describeApproval).join(' and ')}.`}
        emptyText="None beyond the tier policy."
        value={draft.approvals}
        onChange={(approvals) => change({ approvals })}
      />
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-1 text-sm font-medium">Gates</legend>
        <GateSwitch
          label="Require a complete model card"
          description={tier.requireModelCard ? already : 'Every required field of the version’s model card is filled in.'}
          checked={draft.requireModelCard}
          onCheckedChange={(requireModelCard) => change({ requireModelCard })}
        />
        <GateSwitch
          label="Require an evaluation"
          description={tier.requireEvaluation ? already : 'The version has a saved evaluation on the dataset below. Thresholds require one anyway.'}
          checked={draft.requireEvaluation}
          onCheckedChange={(requireEvaluation) => change({ requireEvaluation })}
        />
        <div className="flex flex-col gap-1.5 pl-12">
          <Label htmlFor={`${id}-dataset`}>Evaluation dataset name</Label>
          <Input id={`${id}-dataset`} value={datasetName} onChange={(e) => setDatasetName(e.currentTarget.value)} maxLength={256} placeholder="Reference dataset" autoComplete="off" aria-describedby={`${id}-dataset-hint`} />
          <FieldHint id={`${id}-dataset-hint`}>Leave blank to use the version’s own reference dataset.</FieldHint>
        </div>
        <GateSwitch
          label="Reject unverified evaluations"
          description={
            tier.acceptUnverifiedEvaluations
              ? 'Only evaluations the server verified against stored data count, although the tier accepts evaluations on local data.'
              : `The ${tierName} policy already accepts only verified evaluations.`
          }
          checked={draft.rejectUnverifiedEvaluations}
          onCheckedChange={(rejectUnverifiedEvaluations) => change({ rejectUnverifiedEvaluations })}
        />
        <GateSwitch
          label="Require no critical drift"
          description={tier.requireNoCriticalDrift ? already : 'The version has no critical drift alert from monitoring that is still unresolved (acknowledged ones still block).'}
          checked={draft.requireNoCriticalDrift}
          onCheckedChange={(requireNoCriticalDrift) => change({ requireNoCriticalDrift })}
          data-testid="model-drift-gate"
        />
      </fieldset>
      <ThresholdsEditor idPrefix={`${id}-thresholds`} taskType={model.taskType} value={draft.thresholds} onChange={(thresholds) => change({ thresholds })} />
      <FormActions onCancel={onDone} pending={mutation.isPending} submitLabel="Save release rules" pendingLabel="Saving…" />
    </form>
  );
}
