'use client';
// A version's Monitoring tab: the deployments serving it, its unresolved alerts, and its drift per
// deployment over the last 24 hours (against this version's own reference dataset).
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { formatDateTime } from '@/components/catalog/format';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { SkeletonRows } from '@/components/ui/skeleton';
import { AlertStateBadge, SeverityBadge } from '../badges';
import { formatCount, formatShare, formatThreshold } from '../format';

export function VersionMonitoringTab({ versionId }: { versionId: string }) {
  const trpc = useTRPC();
  const { data, error, isPending } = useQuery(trpc.monitoring.version.queryOptions({ versionId }));
  if (isPending) return <SkeletonRows rows={4} label="Loading monitoring…" />;
  if (error || !data) {
    const forbidden = (error as { data?: { code?: string } } | null)?.data?.code === 'FORBIDDEN';
    return (
      <Alert variant="info" title={forbidden ? 'Monitoring is not part of your role' : 'Monitoring could not be loaded'}>
        {forbidden ? 'Ops, data scientists, admins and auditors see the deployments and alerts of a version.' : 'Reload the page to try again.'}
      </Alert>
    );
  }
  return (
    <div className="flex flex-col gap-6" data-testid="version-monitoring">
      <section aria-labelledby="version-deployments" className="flex flex-col gap-3">
        <h2 id="version-deployments" className="text-lg font-semibold">
          Deployments <span className="text-sm font-normal text-muted-foreground">· drift over the last 24 hours</span>
        </h2>
        {data.deployments.length === 0 ? (
          <p className="text-sm text-muted-foreground">No deployment serves v{data.version}.</p>
        ) : (
          <ul className="divide-y divide-border rounded-xl border border-border bg-card shadow-xs">
            {data.deployments.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm" data-testid="version-deployment" data-environment={d.environment} data-drifted={d.drift?.drifted ?? false}>
                <Link href={`/monitoring/${d.id}?tab=drift`} className="font-medium text-primary hover:underline">
                  {d.environment}
                </Link>
                <span className="text-muted-foreground">
                  {d.alias}
                  {d.servingNow ? ' · serving now' : ' · served earlier today'}
                </span>
                {d.drift === null ? (
                  <span className="text-muted-foreground">no events of v{data.version} in 24 hours</span>
                ) : d.drift.note ? (
                  <span className="text-muted-foreground">{d.drift.note}</span>
                ) : (
                  <>
                    {d.drift.drifted ? <Badge variant="destructive">Dataset drift</Badge> : <Badge variant="success">No dataset drift</Badge>}
                    <span className="tabular-nums">
                      {d.drift.driftedFeatures.length} of {d.drift.featureCount} features drifted ({formatShare(d.drift.share)}) · {formatCount(d.drift.events)} events
                    </span>
                    {d.drift.driftedFeatures.length ? <span className="font-mono text-xs text-muted-foreground">{d.drift.driftedFeatures.join(', ')}</span> : null}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="version-alerts" className="flex flex-col gap-3">
        <h2 id="version-alerts" className="text-lg font-semibold">
          Open alerts <span className="text-sm font-normal text-muted-foreground">· {data.alerts.length}</span>
        </h2>
        {data.alerts.length === 0 ? (
          <p className="text-sm text-muted-foreground">No unresolved alert names v{data.version}.</p>
        ) : (
          <ul className="divide-y divide-border rounded-xl border border-border bg-card shadow-xs">
            {data.alerts.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm" data-testid="version-alert" data-kind={a.kind}>
                <Link href={`/monitoring/alerts/${a.id}`} className="font-mono text-primary hover:underline">
                  {a.reference}
                </Link>
                <SeverityBadge severity={a.severity} />
                <AlertStateBadge state={a.state} />
                <span className="min-w-0 flex-1">{a.title}</span>
                <span className="tabular-nums text-muted-foreground">
                  {formatThreshold(a.kind, a.value)} / {formatThreshold(a.kind, a.threshold)} · {a.environment} · {formatDateTime(a.openedAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
