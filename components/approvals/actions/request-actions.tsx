'use client';
// What the viewer can do with the request now, as the server says: sign (approve, request changes,
// reject), or, for the requester, submit again or withdraw; release once it is approved and waiting.
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { CircleCheck, CircleX, PenLine, Rocket, Send, Undo2 } from 'lucide-react';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import type { Decision } from '@/lib/validation/releases';
import { ResubmitDialog } from './resubmit-dialog';
import { serverMessage } from './server-message';
import { SignDialog } from './sign-dialog';
import { WithdrawDialog } from './withdraw-dialog';

export function RequestActions({ requestId }: { requestId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.releases.get.queryOptions({ requestId }));
  const [signing, setSigning] = useState<Decision | null>(null);
  const [dialog, setDialog] = useState<'withdraw' | 'submit' | null>(null);
  const release = useMutation(
    trpc.releases.release.mutationOptions({
      onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.releases.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.catalog.pathKey() })]),
    }),
  );
  const { viewer, request } = data;
  const blocked = viewer.approvalBlockedBy;
  const nothing = !viewer.canSign && !viewer.signRefusal && !viewer.canSubmit && !viewer.canRelease && !viewer.canWithdraw;

  return (
    <Card data-testid="request-actions">
      <CardHeader>
        <CardTitle>Actions</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {viewer.canSign ? (
          <div className="flex flex-col gap-2">
            <div className="flex flex-wrap gap-2">
              <Button onClick={() => setSigning('approve')} disabled={blocked.length > 0} aria-describedby={blocked.length ? 'approval-blocked' : undefined}>
                <CircleCheck aria-hidden /> Approve
              </Button>
              <Button variant="outline" onClick={() => setSigning('request_changes')}>
                <PenLine aria-hidden /> Request changes
              </Button>
              <Button variant="destructive-ghost" onClick={() => setSigning('reject')}>
                <CircleX aria-hidden /> Reject
              </Button>
            </div>
            {blocked.length ? (
              <div id="approval-blocked" data-testid="approval-blocked" className="rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-xs">
                <p className="mb-1 font-medium">Approval is blocked:</p>
                <ul className="list-disc pl-4">
                  {blocked.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              </div>
            ) : null}
          </div>
        ) : viewer.signRefusal ? (
          <Alert variant="info" data-testid="sign-refusal">
            {viewer.signRefusal}
          </Alert>
        ) : null}
        {release.error ? <Alert variant="error">{serverMessage(release.error)}</Alert> : null}
        {viewer.canRelease ? (
          <Button onClick={() => release.mutate({ requestId })} disabled={release.isPending}>
            <Rocket aria-hidden /> {release.isPending ? 'Releasing…' : `Release to ${request.alias}`}
          </Button>
        ) : null}
        {viewer.canSubmit ? (
          <Button variant={request.state === 'draft' ? 'primary' : 'outline'} onClick={() => setDialog('submit')}>
            <Send aria-hidden /> {request.state === 'changes_requested' ? 'Resubmit' : 'Submit for approval'}
          </Button>
        ) : null}
        {viewer.canWithdraw ? (
          <Button variant="destructive-ghost" className="self-start" onClick={() => setDialog('withdraw')}>
            <Undo2 aria-hidden /> Withdraw
          </Button>
        ) : null}
        {nothing ? <p className="text-sm text-muted-foreground">Nothing for you to do on this request now.</p> : null}
      </CardContent>
      <SignDialog detail={data} decision={signing} onClose={() => setSigning(null)} />
      <WithdrawDialog requestId={requestId} reference={request.reference} open={dialog === 'withdraw'} onClose={() => setDialog(null)} />
      <ResubmitDialog detail={data} open={dialog === 'submit'} onClose={() => setDialog(null)} />
    </Card>
  );
}
