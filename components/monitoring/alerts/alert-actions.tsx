'use client';
// What ops and admins do with an alert: acknowledge it, take or hand it over, resolve it with a
// note, and from a critical drift alert on a released version ask the approvers to re-review
// that version. Auditors and data scientists read it only.
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { serverMessage } from '@/components/approvals/actions/server-message';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { isDriftKind } from '../format';
import { AssignControl } from './assign-control';
import { ResolveDialog } from './resolve-dialog';

type Props = { alertId: string; me: { id: string }; canManage: boolean; canPickPeople: boolean };

export function AlertActions({ alertId, me, canManage, canPickPeople }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: a } = useSuspenseQuery(trpc.monitoring.alert.queryOptions({ alertId }));
  const [error, setError] = useState<unknown>(null);
  const [resolving, setResolving] = useState(false);
  const [review, setReview] = useState<{ id: string; reference: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.monitoring.pathKey() });
  const acknowledge = useMutation(trpc.monitoring.acknowledge.mutationOptions({ onSuccess: refresh, onError: setError }));
  const reReview = useMutation(
    trpc.releases.requestReReview.mutationOptions({
      onSuccess: async (created) => {
        setReview(created);
        await Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: trpc.releases.pathKey() })]);
      },
      onError: setError,
    }),
  );

  if (!canManage) {
    return (
      <Card data-testid="alert-actions" data-read-only="true">
        <CardHeader>
          <CardTitle>Working this alert</CardTitle>
          <CardDescription>Ops and admins acknowledge, assign and resolve alerts. You can follow it here; its timeline updates live.</CardDescription>
        </CardHeader>
      </Card>
    );
  }
  const resolved = a.state === 'resolved';
  const canReReview = !resolved && a.severity === 'critical' && isDriftKind(a.kind) && !!a.release && !a.openReview;

  return (
    <Card data-testid="alert-actions">
      <CardHeader>
        <CardTitle>Actions</CardTitle>
        {resolved ? <CardDescription>Resolved. If the condition returns, the worker re-opens it.</CardDescription> : null}
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {error ? <Alert variant="error">{serverMessage(error)}</Alert> : null}
        {review ? (
          <Alert variant="success" title="Re-review requested" data-testid="re-review-done">
            The approvers are asked to review v{a.version} again:{' '}
            <Link href={`/approvals/${review.id}`} className="font-mono font-medium text-primary hover:underline" data-testid="re-review-link">
              {review.reference}
            </Link>
          </Alert>
        ) : null}
        {!resolved ? (
          <div className="flex flex-wrap gap-2">
            {a.state === 'open' ? (
              <Button onClick={() => (setError(null), acknowledge.mutate({ alertId }))} disabled={acknowledge.isPending}>
                {acknowledge.isPending ? 'Acknowledging…' : 'Acknowledge'}
              </Button>
            ) : null}
            <Button variant={a.state === 'open' ? 'outline' : 'primary'} onClick={() => setResolving(true)}>
              Resolve…
            </Button>
          </div>
        ) : null}
        {!resolved ? <AssignControl alertId={alertId} assigneeId={a.assigneeId} meId={me.id} canPickPeople={canPickPeople} onError={setError} /> : null}
        {canReReview ? (
          <div className="flex flex-col gap-2 border-t border-border pt-4">
            <p className="text-sm text-muted-foreground">
              v{a.version} went live through {a.release?.reference}. A re-review asks its approvers to confirm it stays; rejecting it is the signal to roll back.
            </p>
            <Button variant="outline" className="self-start" onClick={() => (setError(null), reReview.mutate({ alertId }))} disabled={reReview.isPending}>
              {reReview.isPending ? 'Requesting…' : 'Request re-review'}
            </Button>
          </div>
        ) : null}
      </CardContent>
      <ResolveDialog alertId={alertId} reference={a.reference} open={resolving} onClose={() => setResolving(false)} />
    </Card>
  );
}
