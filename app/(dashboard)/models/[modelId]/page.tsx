import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AliasHistory } from '@/components/catalog/model/alias-history';
import { AliasesPanel } from '@/components/catalog/model/aliases-panel';
import { ModelHeader, ModelHeaderSkeleton } from '@/components/catalog/model/model-header';
import { VersionsTable } from '@/components/catalog/model/versions-table';
import { NoAccess } from '@/components/shell/no-access';
import { sectionAccess } from '@/components/shell/session';
import { Skeleton, SkeletonRows } from '@/components/ui/skeleton';
import { HydrateClient, prefetch, trpc } from '@/server/trpc/rsc';
import { modelTitle } from '../_lib/model-title';

type Params = Promise<{ modelId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: await modelTitle((await params).modelId) };
}

export default async function ModelPage({ params }: { params: Params }) {
  const { allowed } = await sectionAccess('/models');
  if (!allowed) return <NoAccess href="/models" />;
  const modelId = decodeURIComponent((await params).modelId);

  prefetch(trpc.catalog.model.queryOptions({ modelId }));
  prefetch(trpc.me.get.queryOptions());
  return (
    <HydrateClient>
      <Suspense fallback={<ModelHeaderSkeleton />}>
        <ModelHeader modelId={modelId} />
      </Suspense>
      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="flex min-w-0 flex-col gap-8">
          <Suspense fallback={<SkeletonRows rows={4} label="Loading versions…" />}>
            <VersionsTable modelId={modelId} />
          </Suspense>
          <Suspense fallback={<SkeletonRows rows={3} label="Loading alias history…" />}>
            <AliasHistory modelId={modelId} />
          </Suspense>
        </div>
        <Suspense fallback={<Skeleton className="h-64 w-full rounded-xl" />}>
          <AliasesPanel modelId={modelId} />
        </Suspense>
      </div>
    </HydrateClient>
  );
}
