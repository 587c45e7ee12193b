'use client';
// One risk tier's release policy as a form an admin saves on its own: the signatures it needs, its
// gates, how long a request stays open and whether approval releases at once.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { FieldHint, Label } from '@/components/ui/label';
import { errorMessage } from '@/lib/trpc/error-message';
import type { RiskTier } from '@/lib/validation/catalog';
import type { TierPolicy } from '@/lib/validation/releases';
import { ApprovalsEditor } from './approvals-editor';
import { GateSwitch } from './gate-switch';
import { TIER_LABELS } from './format';
import { TierGates } from './tier-gates';

const TIER_CONTEXT: Record<RiskTier, string> = {
  low: 'Internal tools and models whose mistakes are cheap to notice and undo.',
  medium: 'Models that affect customers indirectly or at small scale.',
  high: 'Models that decide for customers or carry regulatory weight.',
};

// The stored policy comes back from a jsonb column, which reorders keys: compare field by field.
const canonical = (p: TierPolicy) =>
  JSON.stringify([p.approvals.map((r) => [r.role, r.count]), p.requireModelCard, p.requireEvaluation, p.acceptUnverifiedEvaluations, p.requireNoCriticalDrift, p.expiryDays, p.releaseOnApproval]);

type TierPolicyCardProps = { tier: RiskTier; policy: TierPolicy & { customised: boolean } };

export function TierPolicyCard({ tier, policy }: TierPolicyCardProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const { customised, ...stored } = policy;
  const [draft, setDraft] = useState<TierPolicy>(stored);
  const [saved, setSaved] = useState(false);
  // A live update (another admin saved) replaces the form's values unless this admin is mid-edit.
  const storedJson = canonical(stored);
  const [base, setBase] = useState(storedJson);
  if (base !== storedJson) {
    setBase(storedJson);
    if (canonical(draft) === base) setDraft(stored);
  }
  const mutation = useMutation(
    trpc.releases.setTierPolicy.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.releases.pathKey() });
        setSaved(true);
      },
    }),
  );
  const dirty = canonical(draft) !== storedJson;
  const change = (patch: Partial<TierPolicy>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...patch }));
  };

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    mutation.mutate({ riskTier: tier, policy: draft });
  }

  return (
    <Card data-testid="tier-policy" data-tier={tier} className="flex flex-col">
      <form onSubmit={onSubmit} aria-labelledby={`${id}-title`} className="flex flex-1 flex-col">
        <CardHeader>
          <div className="flex items-center justify-between gap-2">
            <CardTitle id={`${id}-title`}>{TIER_LABELS[tier]}</CardTitle>
            <Badge variant={customised ? 'primary' : 'outline'} data-testid="policy-origin">
              {customised ? 'Customised' : 'Default'}
            </Badge>
          </div>
          <CardDescription>{TIER_CONTEXT[tier]}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-1 flex-col gap-5">
          <ApprovalsEditor
            idPrefix={`${id}-approvals`}
            legend="Required approvals"
            hint="Signatures from distinct people; one person counts once."
            value={draft.approvals}
            onChange={(approvals) => change({ approvals })}
            minRows={1}
          />
          <TierGates policy={draft} onChange={change} />
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={`${id}-expiry`}>Expiry (days)</Label>
            <div className="w-28">
              <Input
                id={`${id}-expiry`}
                type="number"
                inputMode="numeric"
                min={1}
                max={365}
                step={1}
                required
                value={Number.isNaN(draft.expiryDays) ? '' : draft.expiryDays}
                onChange={(e) => change({ expiryDays: e.currentTarget.valueAsNumber })}
                aria-describedby={`${id}-expiry-hint`}
                className="tabular-nums"
              />
            </div>
            <FieldHint id={`${id}-expiry-hint`}>A pending request not decided within this many days expires (1 to 365).</FieldHint>
          </div>
          <GateSwitch
            label="Release on approval"
            description="The alias moves as soon as the last required approval is signed. Off: an approved request waits for ops, an admin or its requester to release it."
            checked={draft.releaseOnApproval}
            onCheckedChange={(releaseOnApproval) => change({ releaseOnApproval })}
          />
        </CardContent>
        <CardFooter className="flex-col items-stretch gap-3">
          {mutation.error ? <Alert variant="error">{errorMessage(mutation.error)}</Alert> : null}
          {saved && !dirty ? <Alert variant="success">The {TIER_LABELS[tier].toLowerCase()} policy was saved.</Alert> : null}
          <div className="flex items-center justify-end gap-2">
            <Button variant="ghost" size="sm" onClick={() => change(stored)} disabled={!dirty || mutation.isPending}>
              Discard changes
            </Button>
            <Button type="submit" size="sm" disabled={!dirty || mutation.isPending}>
              {mutation.isPending ? 'Saving…' : `Save ${TIER_LABELS[tier].toLowerCase()} policy`}
            </Button>
          </div>
        </CardFooter>
      </form>
    </Card>
  );
}
