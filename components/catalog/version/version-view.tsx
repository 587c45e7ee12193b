'use client';
// One model version: a header and tabs for its facets. The chosen tab is kept in the URL (?tab=)
// without a server round trip, so a link can open a version on its schema or its model card.
import { useSuspenseQuery } from '@tanstack/react-query';
import { usePathname, useSearchParams } from 'next/navigation';
import { RequestReleaseButton } from '@/components/approvals/request-release-dialog';
import { VersionReleaseRequests } from '@/components/approvals/version-release-requests';
import { DiscussionSection } from '@/components/collaboration/comments/discussion-section';
import { useTRPC } from '@/components/providers/trpc-provider';
import { PageHeader } from '@/components/shell/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { Tabs } from '@/components/ui/tabs';
import { AliasBadges } from '../badges';
import { Breadcrumbs } from '../breadcrumbs';
import { formatDate } from '../format';
import { DatasetProfile } from './dataset-profile';
import { VersionMonitoringTab } from '@/components/monitoring/version/version-monitoring-tab';
import { EvaluationsTab } from './evaluations-tab';
import { FilesTab } from './files-tab';
import { MetricsTab } from './metrics-tab';
import { ModelCardTab } from './model-card-tab';
import { OverviewTab } from './overview-tab';
import { SchemaTab } from './schema-tab';

export function VersionView({ modelId, version }: { modelId: string; version: number }) {
  const trpc = useTRPC();
  const { data: v } = useSuspenseQuery(trpc.catalog.version.queryOptions({ modelId, version }));
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const tab = searchParams.get('tab') ?? 'overview';

  function selectTab(next: string) {
    const params = new URLSearchParams(searchParams);
    if (next === 'overview') params.delete('tab');
    else params.set('tab', next);
    const query = params.toString();
    window.history.replaceState(null, '', query ? `${pathname}?${query}` : pathname);
  }

  return (
    <>
      <Breadcrumbs items={[{ label: 'Catalog', href: '/models' }, { label: v.model.name, href: `/models/${v.model.id}` }, { label: `v${v.version}` }]} />
      <PageHeader
        title={`${v.model.name} v${v.version}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span>
              Created {formatDate(v.createdAt)} by {v.createdByName}
            </span>
            {v.aliases.length ? <AliasBadges aliases={v.aliases.map((name) => ({ name }))} /> : null}
          </span>
        }
        actions={<RequestReleaseButton modelId={v.model.id} modelName={v.model.name} version={v.version} />}
      />
      <Tabs
        label="Version details"
        value={tab}
        onValueChange={selectTab}
        tabs={[
          { id: 'overview', label: 'Overview', panel: <OverviewTab v={v} /> },
          { id: 'files', label: 'Files', panel: <FilesTab v={v} /> },
          { id: 'schema', label: 'Schema', panel: <SchemaTab v={v} /> },
          { id: 'reference-data', label: 'Reference data', panel: <DatasetProfile v={v} /> },
          { id: 'metrics', label: 'Metrics', panel: <MetricsTab v={v} /> },
          { id: 'model-card', label: 'Model card', panel: <ModelCardTab v={v} /> },
          { id: 'evaluations', label: 'Evaluations', panel: <EvaluationsTab v={v} /> },
          { id: 'approvals', label: 'Approvals', panel: <VersionReleaseRequests modelId={v.model.id} version={v.version} /> },
          { id: 'monitoring', label: 'Monitoring', panel: <VersionMonitoringTab versionId={v.id} /> },
          { id: 'discussion', label: 'Discussion', panel: <DiscussionSection subjectType="version" subjectId={v.id} heading={false} /> },
        ]}
      />
    </>
  );
}

export function VersionViewSkeleton() {
  return (
    <div role="status" className="flex flex-col gap-4">
      <span className="sr-only">Loading version…</span>
      <Skeleton className="h-4 w-56" />
      <Skeleton className="h-8 w-80" />
      <Skeleton className="h-10 w-full" />
      <Skeleton className="h-72 w-full rounded-xl" />
    </div>
  );
}
