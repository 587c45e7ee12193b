'use client';
// An alert's title block: reference and title, severity, state, whether it still fires, and the
// deployment it belongs to.
import { useSuspenseQuery } from '@tanstack/react-query';
import { Breadcrumbs } from '@/components/catalog/breadcrumbs';
import { useTRPC } from '@/components/providers/trpc-provider';
import { PageHeader } from '@/components/shell/page-header';
import { Badge } from '@/components/ui/badge';
import { Skeleton } from '@/components/ui/skeleton';
import { ActiveBadge, AlertStateBadge, SeverityBadge } from '../badges';
import { KIND_LABELS } from '../format';

export function AlertHeader({ alertId }: { alertId: string }) {
  const trpc = useTRPC();
  const { data: a } = useSuspenseQuery(trpc.monitoring.alert.queryOptions({ alertId }));
  return (
    <>
      <Breadcrumbs items={[{ label: 'Monitoring', href: '/monitoring' }, { label: `${a.deployment.modelName} · ${a.deployment.environment}`, href: `/monitoring/${a.deployment.id}?tab=alerts` }, { label: a.reference }]} />
      <PageHeader
        title={`${a.reference}: ${a.title}`}
        description={
          <span className="flex flex-wrap items-center gap-2" data-testid="alert-summary">
            <SeverityBadge severity={a.severity} />
            <AlertStateBadge state={a.state} />
            {a.state !== 'resolved' ? <ActiveBadge active={a.active} /> : null}
            <Badge variant="outline">{KIND_LABELS[a.kind]}</Badge>
            {a.subject ? (
              <span>
                on <span className="font-mono font-medium text-foreground">{a.subject}</span>
              </span>
            ) : null}
            {a.reopenCount > 0 ? <span>· re-opened {a.reopenCount}×</span> : null}
          </span>
        }
      />
    </>
  );
}

export function AlertHeaderSkeleton() {
  return (
    <div role="status" className="mb-6 flex flex-col gap-3">
      <span className="sr-only">Loading alert…</span>
      <Skeleton className="h-4 w-56" />
      <Skeleton className="h-8 w-[32rem] max-w-full" />
      <Skeleton className="h-5 w-72" />
    </div>
  );
}
