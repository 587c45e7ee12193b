'use client';
// Sign-in limits for admins: which accounts and addresses are being slowed down after failed
// passwords (README "People, roles and sessions"), and a way to clear one at once.
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { SkeletonRows } from '@/components/ui/skeleton';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { errorMessage } from '@/lib/trpc/error-message';

const SCOPE_LABEL = { account_address: 'Account from one address', address: 'Address, every account', account: 'Account, new addresses' } as const;

const time = (d: Date | null) => (d ? d.toISOString().slice(0, 19).replace('T', ' ') + ' UTC' : '—');

export function SignInThrottles() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Counters change with every failed sign-in, which the live bus does not carry: poll.
  const { data: rows } = useSuspenseQuery({ ...trpc.users.signInThrottles.queryOptions(), refetchInterval: 30_000 });
  const clear = useMutation(
    trpc.users.clearSignInThrottle.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.users.signInThrottles.queryKey() }),
    }),
  );

  return (
    <section aria-labelledby="sign-in-limits" className="mt-10 flex flex-col gap-3">
      <h2 id="sign-in-limits" className="text-base font-semibold">
        Sign-in limits
      </h2>
      <p className="text-sm text-muted-foreground">
        Failed passwords in the last minutes. Past a limit each failure doubles the wait; a person’s usual address is never slowed by failures elsewhere. Clearing a row lets the next attempt through at once and is recorded in the audit trail.
      </p>
      {clear.error ? <Alert variant="error">{errorMessage(clear.error)}</Alert> : null}
      <Table>
        <TableCaption>Sign-in throttling counters</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Limit</TableHead>
            <TableHead>Account</TableHead>
            <TableHead>Address</TableHead>
            <TableHead className="text-right">Failures</TableHead>
            <TableHead>Waiting until</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.length === 0 ? (
            <TableRow>
              <TableCell colSpan={6} className="py-6 text-center text-muted-foreground">
                No failed sign-ins lately.
              </TableCell>
            </TableRow>
          ) : (
            rows.map((row) => (
              <TableRow key={`${row.scope}:${row.key}`} data-testid="sign-in-limit" data-scope={row.scope} data-email={row.email ?? ''} data-ip={row.ip ?? ''}>
                <TableCell>{SCOPE_LABEL[row.scope]}</TableCell>
                <TableCell className="text-muted-foreground">{row.email ?? 'any'}</TableCell>
                <TableCell className="text-muted-foreground">{row.ip ?? 'any new address'}</TableCell>
                <TableCell className="text-right tabular-nums">{row.failures}</TableCell>
                <TableCell className="whitespace-nowrap tabular-nums">
                  {row.waiting ? <Badge variant="destructive">{time(row.blockedUntil)}</Badge> : <span className="text-muted-foreground">not waiting</span>}
                </TableCell>
                <TableCell>
                  <div className="flex justify-end">
                    <Button size="sm" variant="outline" disabled={clear.isPending} onClick={() => clear.mutate({ scope: row.scope, key: row.key })}>
                      Clear<span className="sr-only"> the limit for {row.email ?? row.ip}</span>
                    </Button>
                  </div>
                </TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
    </section>
  );
}

export function SignInThrottlesSkeleton() {
  return <SkeletonRows rows={2} label="Loading sign-in limits…" />;
}
