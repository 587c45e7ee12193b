'use client';
// A deployment's title block: model and environment, the alias it serves and the version that
// holds it now (linking to the version page), task type and risk tier.
import { useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { AliasBadge, RiskTierBadge } from '@/components/catalog/badges';
import { Breadcrumbs } from '@/components/catalog/breadcrumbs';
import { versionHref } from '@/components/catalog/format';
import { useTRPC } from '@/components/providers/trpc-provider';
import { PageHeader } from '@/components/shell/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { TASK_TYPE_LABELS } from '@/lib/validation/catalog';

export function DeploymentHeader({ deploymentId }: { deploymentId: string }) {
  const trpc = useTRPC();
  const { data: d } = useSuspenseQuery(trpc.monitoring.deployment.queryOptions({ deploymentId }));
  return (
    <>
      <Breadcrumbs items={[{ label: 'Monitoring', href: '/monitoring' }, { label: `${d.modelName} · ${d.environment}` }]} />
      <PageHeader
        title={`${d.modelName} · ${d.environment}`}
        description={
          <span className="flex flex-col gap-2">
            <span className="flex flex-wrap items-center gap-2" data-testid="deployment-summary">
              <AliasBadge name={d.alias} version={d.serving?.version} />
              {d.serving ? (
                <Link href={versionHref(d.modelId, d.serving.version)} className="font-medium text-primary hover:underline" data-testid="serving-version">
                  Serving v{d.serving.version}
                </Link>
              ) : (
                <span className="text-warning">No version holds “{d.alias}” yet</span>
              )}
              <span>{TASK_TYPE_LABELS[d.taskType]}</span>
              <RiskTierBadge tier={d.riskTier} />
              <Link href={`/models/${d.modelId}`} className="text-primary hover:underline">
                Model page
              </Link>
            </span>
            {d.description ? <span>{d.description}</span> : null}
          </span>
        }
      />
    </>
  );
}

export function DeploymentHeaderSkeleton() {
  return (
    <div role="status" className="mb-6 flex flex-col gap-3">
      <span className="sr-only">Loading deployment…</span>
      <Skeleton className="h-4 w-40" />
      <Skeleton className="h-8 w-96" />
      <Skeleton className="h-5 w-72" />
    </div>
  );
}
