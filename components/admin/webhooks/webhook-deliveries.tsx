'use client';
// One webhook's recent deliveries: state, response code, when, attempts, duration, the next
// attempt of a pending one and why the last failed; a failed delivery can be redelivered.
import { useMutation, useQueryClient, useQuery } from '@tanstack/react-query';
import { RotateCcw } from 'lucide-react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { SkeletonRows } from '@/components/ui/skeleton';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { errorMessage } from '@/lib/trpc/error-message';
import { DeliveryStateBadge, formatTime } from './delivery-state';
import type { WebhookRow } from './types';

export function WebhookDeliveries({ webhook }: { webhook: WebhookRow }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const deliveries = useQuery(trpc.webhooks.deliveries.queryOptions({ webhookId: webhook.id }));
  const redeliver = useMutation(trpc.webhooks.redeliver.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() }) }));

  if (deliveries.isPending) return <SkeletonRows rows={3} label="Loading deliveries…" />;
  if (deliveries.isError) return <Alert variant="error">{errorMessage(deliveries.error)}</Alert>;
  const rows = deliveries.data;

  return (
    <div className="flex flex-col gap-3">
      {redeliver.error ? <Alert variant="error">{errorMessage(redeliver.error)}</Alert> : null}
      <Table>
        <TableCaption>Deliveries to {webhook.name}, newest first (the latest 50)</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Event</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Response</TableHead>
            <TableHead>Time</TableHead>
            <TableHead className="text-right">Attempts</TableHead>
            <TableHead>Details</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.length === 0 ? (
            <TableRow>
              <TableCell colSpan={7} className="py-6 text-center text-muted-foreground">
                No deliveries yet. “Send test” sends one now.
              </TableCell>
            </TableRow>
          ) : (
            rows.map((d) => (
              <TableRow key={d.id} data-testid="delivery-row" data-delivery-id={d.id}>
                <TableCell>
                  <span className="flex items-center gap-1.5 font-mono text-xs">
                    {d.eventType}
                    {d.test ? <Badge variant="outline">test</Badge> : null}
                  </span>
                </TableCell>
                <TableCell>
                  <DeliveryStateBadge state={d.state} />
                </TableCell>
                <TableCell className="font-mono text-xs tabular-nums">{d.lastStatusCode ?? '—'}</TableCell>
                <TableCell className="text-xs whitespace-nowrap text-muted-foreground tabular-nums">
                  <time dateTime={new Date(d.lastAttemptAt ?? d.createdAt).toISOString()}>{formatTime(d.lastAttemptAt ?? d.createdAt)}</time>
                  {d.lastDurationMs !== null ? <span> · {d.lastDurationMs} ms</span> : null}
                </TableCell>
                <TableCell className="text-right tabular-nums">{d.attempts}</TableCell>
                <TableCell className="max-w-md text-xs">
                  {d.state === 'pending' && d.nextAttemptAt ? <p className="text-muted-foreground">{d.attempts === 0 ? 'Queued' : 'Next attempt'} {formatTime(d.nextAttemptAt)}</p> : null}
                  {d.lastError ? (
                    <p className="break-words text-destructive" title={d.lastError}>
                      {d.lastError}
                    </p>
                  ) : null}
                  <p className="font-mono text-[11px] text-muted-foreground/80">{d.id}</p>
                </TableCell>
                <TableCell>
                  {d.state === 'failed' ? (
                    <Button size="sm" variant="outline" disabled={redeliver.isPending} onClick={() => redeliver.mutate({ deliveryId: d.id })}>
                      <RotateCcw aria-hidden />
                      Redeliver
                    </Button>
                  ) : null}
                </TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
    </div>
  );
}
