'use client';
// The caller's API tokens with their state; revoking asks first, since a CI job using it stops at once.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useNow } from '@/components/ui/use-now';
import { errorMessage } from '@/lib/trpc/error-message';
import type { AppRouter } from '@/server/trpc/routers/_app';

type Token = inferRouterOutputs<AppRouter>['apiTokens']['list'][number];

const day = (d: Date | null) => (d ? new Date(d).toISOString().slice(0, 10) : null);

/** `now` is null until the page has hydrated (useNow): whether a token has expired is told by the browser's clock only. */
function status(t: Token, now: number | null): { label: string; variant: 'success' | 'neutral' | 'destructive' } {
  if (t.revokedAt) return { label: `Revoked ${day(t.revokedAt)}`, variant: 'destructive' };
  if (t.expiresAt && now === null) return { label: `Until ${day(t.expiresAt)}`, variant: 'neutral' };
  if (t.expiresAt && now !== null && new Date(t.expiresAt).getTime() < now) return { label: 'Expired', variant: 'neutral' };
  return { label: 'Active', variant: 'success' };
}

export function ApiTokenList({ tokens }: { tokens: Token[] }) {
  const [revoking, setRevoking] = useState<Token | null>(null);
  const now = useNow(60_000);
  return (
    <>
      <Table>
        <TableCaption>Your API tokens, newest first</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Token</TableHead>
            <TableHead>Created</TableHead>
            <TableHead>Last used</TableHead>
            <TableHead>Expires</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {tokens.length === 0 ? (
            <TableRow>
              <TableCell colSpan={7} className="py-8 text-center text-muted-foreground">
                No tokens yet. Create one for each script or CI job that calls the API.
              </TableCell>
            </TableRow>
          ) : (
            tokens.map((t) => {
              const s = status(t, now);
              return (
                <TableRow key={t.id} data-testid="api-token-row" data-name={t.name} data-status={s.label.split(' ')[0]?.toLowerCase()} className={t.revokedAt ? 'bg-muted/30' : undefined}>
                  <TableCell className="font-medium">{t.name}</TableCell>
                  <TableCell className="font-mono text-xs">{t.prefix}…</TableCell>
                  <TableCell className="whitespace-nowrap text-muted-foreground tabular-nums">{day(t.createdAt)}</TableCell>
                  <TableCell className="whitespace-nowrap text-muted-foreground tabular-nums">{day(t.lastUsedAt) ?? 'Never'}</TableCell>
                  <TableCell className="whitespace-nowrap text-muted-foreground tabular-nums">{day(t.expiresAt) ?? 'Never'}</TableCell>
                  <TableCell>
                    <Badge variant={s.variant}>{s.label}</Badge>
                  </TableCell>
                  <TableCell className="text-right">
                    {!t.revokedAt ? (
                      <Button size="sm" variant="destructive-ghost" onClick={() => setRevoking(t)}>
                        Revoke<span className="sr-only"> {t.name}</span>
                      </Button>
                    ) : null}
                  </TableCell>
                </TableRow>
              );
            })
          )}
        </TableBody>
      </Table>
      <Dialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        description="Anything using this token is refused from its next request. This cannot be undone; create a new token if you need one again."
      >
        {revoking ? <RevokeConfirm token={revoking} onDone={() => setRevoking(null)} /> : null}
      </Dialog>
    </>
  );
}

function RevokeConfirm({ token, onDone }: { token: Token; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.apiTokens.revoke.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.apiTokens.pathKey() });
        onDone();
      },
    }),
  );
  return (
    <div className="flex flex-col gap-5">
      {revoke.error ? <Alert variant="error">{errorMessage(revoke.error)}</Alert> : null}
      <div className="-mx-6 -mb-3 flex justify-end gap-2 border-t border-border bg-muted/30 px-6 py-3">
        <Button variant="outline" onClick={onDone} disabled={revoke.isPending} data-autofocus>
          Cancel
        </Button>
        <Button variant="destructive" onClick={() => revoke.mutate({ tokenId: token.id })} disabled={revoke.isPending}>
          {revoke.isPending ? 'Revoking…' : 'Revoke token'}
        </Button>
      </div>
    </div>
  );
}
