'use client';
// The registered webhooks, each with its events, status and last delivery, and what an admin can
// do with it. Reads webhooks.list, which the live bus invalidates (another admin's change, or a
// delivery finishing), so the page stays current without a reload.
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { ChevronDown, ChevronRight, Pencil, Send, Trash2 } from 'lucide-react';
import { Fragment, useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { SkeletonRows } from '@/components/ui/skeleton';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { errorMessage } from '@/lib/trpc/error-message';
import { DeleteWebhookDialog, EditWebhookDialog } from './webhook-dialogs';
import { DeliveryStateBadge, formatTime } from './delivery-state';
import { WebhookDeliveries } from './webhook-deliveries';
import type { WebhookRow } from './types';

type Action = { kind: 'edit' | 'delete'; webhook: WebhookRow } | null;

export function WebhooksList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: webhooks } = useSuspenseQuery(trpc.webhooks.list.queryOptions());
  const [action, setAction] = useState<Action>(null);
  const [expanded, setExpanded] = useState<string | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() });
  const setEnabled = useMutation(trpc.webhooks.setEnabled.mutationOptions({ onSettled: invalidate }));
  const sendTest = useMutation(
    trpc.webhooks.sendTest.mutationOptions({
      onSuccess: async (_, { webhookId }) => {
        setExpanded(webhookId);
        await invalidate();
      },
    }),
  );
  const failure = setEnabled.error ?? sendTest.error;

  return (
    <div className="flex flex-col gap-3">
      {failure ? <Alert variant="error">{errorMessage(failure)}</Alert> : null}
      <Table>
        <TableCaption>Webhooks, the events each receives and how its last delivery went</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>
              <span className="sr-only">Deliveries</span>
            </TableHead>
            <TableHead>Name</TableHead>
            <TableHead>Events</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Last delivery</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {webhooks.length === 0 ? (
            <TableRow>
              <TableCell colSpan={6} className="py-10 text-center text-muted-foreground">
                No webhooks yet. Use “Add webhook” to send events to Slack, Teams, a ticketing system or CI.
              </TableCell>
            </TableRow>
          ) : (
            webhooks.map((webhook) => {
              const open = expanded === webhook.id;
              return (
                <Fragment key={webhook.id}>
                  <TableRow data-testid="webhook-row" data-name={webhook.name} className={webhook.enabled ? 'hover:bg-muted/30' : 'bg-muted/30'}>
                    <TableCell className="w-10">
                      <Button size="icon" variant="ghost" aria-expanded={open} aria-controls={`deliveries-${webhook.id}`} onClick={() => setExpanded(open ? null : webhook.id)}>
                        {open ? <ChevronDown aria-hidden /> : <ChevronRight aria-hidden />}
                        <span className="sr-only">{open ? 'Hide' : 'Show'} deliveries of {webhook.name}</span>
                      </Button>
                    </TableCell>
                    <TableCell>
                      <div className="flex flex-col gap-0.5">
                        <span className="font-medium">{webhook.name}</span>
                        <span className="max-w-md truncate font-mono text-xs text-muted-foreground" title={webhook.url}>
                          {webhook.url}
                        </span>
                      </div>
                    </TableCell>
                    <TableCell>
                      <div className="flex max-w-xs flex-wrap gap-1">
                        {webhook.eventTypes.map((t) => (
                          <Badge key={t} variant="outline" className="font-mono">
                            {t}
                          </Badge>
                        ))}
                      </div>
                    </TableCell>
                    <TableCell>
                      <Badge variant={webhook.enabled ? 'success' : 'neutral'}>{webhook.enabled ? 'Enabled' : 'Disabled'}</Badge>
                    </TableCell>
                    <TableCell className="whitespace-nowrap">
                      {webhook.lastDelivery ? (
                        <span className="flex items-center gap-2">
                          <DeliveryStateBadge state={webhook.lastDelivery.state} />
                          <span className="text-xs text-muted-foreground tabular-nums">
                            {webhook.lastDelivery.lastStatusCode ? `${webhook.lastDelivery.lastStatusCode} · ` : ''}
                            {formatTime(webhook.lastDelivery.at)}
                          </span>
                        </span>
                      ) : (
                        <span className="text-xs text-muted-foreground">None yet</span>
                      )}
                    </TableCell>
                    <TableCell>
                      <div className="flex justify-end gap-1.5">
                        <Button size="sm" variant="outline" disabled={sendTest.isPending} onClick={() => sendTest.mutate({ webhookId: webhook.id })}>
                          <Send aria-hidden />
                          Send test<span className="sr-only"> to {webhook.name}</span>
                        </Button>
                        <Button size="sm" variant="outline" onClick={() => setAction({ kind: 'edit', webhook })}>
                          <Pencil aria-hidden />
                          Edit<span className="sr-only"> {webhook.name}</span>
                        </Button>
                        <Button size="sm" variant="outline" disabled={setEnabled.isPending} onClick={() => setEnabled.mutate({ webhookId: webhook.id, enabled: !webhook.enabled })}>
                          {webhook.enabled ? 'Disable' : 'Enable'}
                          <span className="sr-only"> {webhook.name}</span>
                        </Button>
                        <Button size="sm" variant="destructive-ghost" onClick={() => setAction({ kind: 'delete', webhook })}>
                          <Trash2 aria-hidden />
                          <span className="sr-only">Delete {webhook.name}</span>
                        </Button>
                      </div>
                    </TableCell>
                  </TableRow>
                  {open ? (
                    <TableRow id={`deliveries-${webhook.id}`}>
                      <TableCell colSpan={6} className="bg-muted/20 p-4">
                        <WebhookDeliveries webhook={webhook} />
                      </TableCell>
                    </TableRow>
                  ) : null}
                </Fragment>
              );
            })
          )}
        </TableBody>
      </Table>
      {action?.kind === 'edit' ? <EditWebhookDialog webhook={action.webhook} onClose={() => setAction(null)} /> : null}
      {action?.kind === 'delete' ? <DeleteWebhookDialog webhook={action.webhook} onClose={() => setAction(null)} /> : null}
    </div>
  );
}

export function WebhooksListSkeleton() {
  return <SkeletonRows rows={3} label="Loading webhooks…" />;
}
