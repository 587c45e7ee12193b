'use client';
// Re-verifies the whole hash chain on the server and says plainly whether it holds. The bus
// invalidates `audit` on every new event, so the verdict is never older than the newest event.
import { useSuspenseQuery } from '@tanstack/react-query';
import { RefreshCw, ShieldCheck, ShieldX } from 'lucide-react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { errorMessage } from '@/lib/trpc/error-message';
import { formatUtc } from './format';

export function VerifyPanel() {
  const trpc = useTRPC();
  const { data: result, refetch, isFetching, error } = useSuspenseQuery(trpc.audit.verify.queryOptions());

  return (
    <section
      data-testid="audit-verify"
      data-ok={result.ok}
      aria-label="Audit chain verification"
      className="flex flex-col gap-3 rounded-xl border border-border bg-card p-4 shadow-xs sm:flex-row sm:items-start sm:justify-between"
    >
      <div className="flex min-w-0 flex-1 flex-col gap-2" aria-live="polite">
        {result.ok ? (
          <div className="flex items-start gap-3">
            <ShieldCheck aria-hidden className="mt-0.5 size-5 shrink-0 text-success" />
            <div className="flex flex-col gap-0.5">
              <p className="text-sm font-medium">
                Chain verified: {result.count} events, head{' '}
                <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs" title={result.headHash}>
                  {result.headHash.slice(0, 12)}
                </code>
              </p>
              <p className="text-xs text-muted-foreground">
                Every event’s hash recomputed and linked to the one before. Checked {formatUtc(result.checkedAt)} in {result.durationMs} ms.
              </p>
            </div>
          </div>
        ) : (
          <Alert variant="error" title={`Chain broken at event #${result.firstBrokenSeq}: ${result.problem}`}>
            {result.count} events verified before the break. Checked {formatUtc(result.checkedAt)}. Export the trail and
            report this to your security team: the stored history has been changed outside Modelgate.
          </Alert>
        )}
        {error ? <Alert variant="error">Could not verify again: {errorMessage(error)}</Alert> : null}
      </div>
      {/* aria-disabled, not disabled: the button keeps keyboard focus while the check runs. */}
      <Button variant="outline" size="sm" onClick={() => !isFetching && void refetch()} aria-disabled={isFetching} className="self-start">
        <RefreshCw aria-hidden className={isFetching ? 'animate-spin' : undefined} />
        {isFetching ? 'Verifying…' : 'Verify again'}
      </Button>
    </section>
  );
}

export function VerifyPanelSkeleton() {
  return (
    <div role="status" className="flex items-center gap-3 rounded-xl border border-border bg-card p-4">
      <span className="sr-only">Verifying the audit chain…</span>
      <ShieldX aria-hidden className="size-5 text-muted-foreground/50" />
      <Skeleton className="h-4 w-80" />
    </div>
  );
}
