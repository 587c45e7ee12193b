'use client';
// 2-4 versions of one model side by side. The first version in the URL is the baseline.
import { useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { PageHeader } from '@/components/shell/page-header';
import { SkeletonRows } from '@/components/ui/skeleton';
import { Breadcrumbs } from '../breadcrumbs';
import { CompareCard } from './compare-card';
import { CompareLineage } from './compare-lineage';
import { CompareMetrics } from './compare-metrics';
import { CompareSchema } from './compare-schema';

export function CompareView({ modelId, versions }: { modelId: string; versions: number[] }) {
  const trpc = useTRPC();
  // compare takes the model's id; the URL may carry its name, so resolve it through catalog.model.
  const { data: model } = useSuspenseQuery(trpc.catalog.model.queryOptions({ modelId }));
  const { data } = useSuspenseQuery(trpc.catalog.compare.queryOptions({ modelId: model.model.id, versions }));
  const names = data.versions.map((v) => `v${v.version}`);
  return (
    <>
      <Breadcrumbs items={[{ label: 'Catalog', href: '/models' }, { label: model.model.name, href: `/models/${model.model.id}` }, { label: 'Compare' }]} />
      <PageHeader title={`Compare ${names.join(', ')}`} description={`${model.model.name}: differences against ${names[0]}, the baseline.`} />
      <div className="flex flex-col gap-10">
        <CompareMetrics data={data} />
        <CompareSchema data={data} />
        <CompareCard data={data} />
        <CompareLineage data={data} />
      </div>
    </>
  );
}

export function CompareViewSkeleton() {
  return <SkeletonRows rows={8} label="Loading comparison…" />;
}
