'use client';
// Who has signed for which required role in this round, and what is still missing; with the
// policy the request is judged by (as submitted, with later tightenings).
import { useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { thresholdText } from '@/lib/releases/gates';
import { ROLE_LABELS } from '@/lib/roles';
import { JudgedPolicyNote } from './judged-policy-note';
import { SignatureCard } from './signature-card';

export function QuorumPanel({ requestId }: { requestId: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.releases.get.queryOptions({ requestId }));
  const { quorum, policy, request } = data;
  const approvals = data.decisions.filter((d) => d.round === request.round && d.decision === 'approve');
  return (
    <Card data-testid="quorum" data-satisfied={quorum.satisfied}>
      <CardHeader>
        <CardTitle>Approvals</CardTitle>
        <CardDescription>
          {quorum.satisfied
            ? 'Every required approval is signed.'
            : `Still needed: ${quorum.missing.map((m) => `${m.count} ${ROLE_LABELS[m.role].toLowerCase()}`).join(', ')}.`}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <ul className="flex flex-col gap-3">
          {quorum.slots.map((slot) => {
            const signers = slot.filledBy.map((id) => approvals.find((d) => d.signerId === id)).filter((d) => d !== undefined);
            return (
              <li key={slot.role} data-testid="quorum-slot" data-role={slot.role} data-filled={slot.filledBy.length} className="flex flex-col gap-2">
                <div className="flex items-center gap-2 text-sm">
                  <span className="font-medium">{ROLE_LABELS[slot.role]}</span>
                  <Badge variant={slot.filledBy.length >= slot.required ? 'success' : 'warning'}>
                    {slot.filledBy.length} of {slot.required}
                  </Badge>
                </div>
                {signers.map((s) => (
                  <SignatureCard key={s.id} s={s} compact />
                ))}
                {slot.filledBy.length < slot.required ? (
                  <p className="rounded-md border border-dashed border-border px-3 py-2 text-xs text-muted-foreground">
                    Waiting for {slot.required - slot.filledBy.length} {ROLE_LABELS[slot.role].toLowerCase()}
                    {slot.required - slot.filledBy.length === 1 ? '' : 's'}.
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
        <div className="border-t border-border pt-3">
          <JudgedPolicyNote policy={policy} submittedPolicy={data.submittedPolicy} tightenedSince={data.tightenedSince} modelTier={data.model.riskTier} state={request.state} />
        </div>
        <dl className="grid grid-cols-[9rem_minmax(0,1fr)] gap-x-3 gap-y-1 text-xs">
          <dt className="text-muted-foreground">Model card</dt>
          <dd>{policy.requireModelCard ? 'Must be complete' : 'Not required'}</dd>
          <dt className="text-muted-foreground">Evaluation</dt>
          <dd>
            {policy.requireEvaluation ? (policy.acceptUnverifiedEvaluations ? 'Required (local data accepted)' : 'Required, verified by the server') : 'Not required'}
            {policy.evaluationDatasetName ? ` on “${policy.evaluationDatasetName}”` : ''}
          </dd>
          {policy.thresholds.length ? (
            <>
              <dt className="text-muted-foreground">Thresholds</dt>
              <dd className="font-mono">{policy.thresholds.map(thresholdText).join('; ')}</dd>
            </>
          ) : null}
          <dt className="text-muted-foreground">On approval</dt>
          <dd>{policy.releaseOnApproval ? `${request.alias} moves at once` : 'Waits for someone to release it'}</dd>
          <dt className="text-muted-foreground">Expires after</dt>
          <dd>{policy.expiryDays} days pending</dd>
        </dl>
      </CardContent>
    </Card>
  );
}
