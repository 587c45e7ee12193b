import type { Metadata } from 'next';
import { Suspense } from 'react';
import { parseCatalogParams } from '@/components/catalog/list/catalog-params';
import { CatalogFilters } from '@/components/catalog/list/catalog-filters';
import { ModelList, ModelListSkeleton } from '@/components/catalog/list/model-list';
import { RegisterModelButton } from '@/components/catalog/model/register-model-dialog';
import { NoAccess } from '@/components/shell/no-access';
import { PageHeader } from '@/components/shell/page-header';
import { sectionAccess } from '@/components/shell/session';
import { Skeleton } from '@/components/ui/skeleton';
import { HydrateClient, prefetch, trpc } from '@/server/trpc/rsc';

export const metadata: Metadata = { title: 'Catalog' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CatalogPage({ searchParams }: { searchParams: SearchParams }) {
  const { allowed } = await sectionAccess('/models');
  if (!allowed) return <NoAccess href="/models" />;

  // Parsed exactly as the client list parses the URL, so the prefetched key is the one it reads.
  prefetch(trpc.catalog.list.queryOptions(parseCatalogParams(await searchParams)));
  prefetch(trpc.catalog.facets.queryOptions());
  prefetch(trpc.me.get.queryOptions());
  return (
    <HydrateClient>
      <PageHeader
        title="Catalog"
        description="Every registered model, its versions, owners and aliases. Search by name, description, team or tag."
        actions={
          <Suspense fallback={null}>
            <RegisterModelButton />
          </Suspense>
        }
      />
      <div className="flex flex-col gap-4">
        <Suspense fallback={<Skeleton className="h-44 w-full rounded-xl" />}>
          <CatalogFilters />
        </Suspense>
        <Suspense fallback={<ModelListSkeleton />}>
          <ModelList />
        </Suspense>
      </div>
    </HydrateClient>
  );
}
