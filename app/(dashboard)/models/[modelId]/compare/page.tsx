import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { CompareView, CompareViewSkeleton } from '@/components/catalog/compare/compare-view';
import { NoAccess } from '@/components/shell/no-access';
import { PageHeader } from '@/components/shell/page-header';
import { sectionAccess } from '@/components/shell/session';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button';
import { HydrateClient, prefetch, trpc } from '@/server/trpc/rsc';
import { modelTitle } from '../../_lib/model-title';
import { modelParam } from '../../_lib/model-param';

type Params = Promise<{ modelId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** ?v=1&v=3 (or ?v=1,3) -> [1, 3]: distinct positive integers, in the order given. */
function parseVersions(raw: string | string[] | undefined): number[] {
  const parts = (Array.isArray(raw) ? raw : raw ? [raw] : []).flatMap((s) => s.split(','));
  const numbers = parts.map((s) => Number(s.trim().replace(/^v/i, ''))).filter((n) => Number.isInteger(n) && n > 0);
  return [...new Set(numbers)];
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: await modelTitle((await params).modelId, '· Compare') };
}

export default async function ComparePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { allowed } = await sectionAccess('/models');
  if (!allowed) return <NoAccess href="/models" />;
  const modelId = modelParam((await params).modelId);
  const versions = parseVersions((await searchParams).v);

  if (versions.length < 2 || versions.length > 4) {
    return (
      <>
        <PageHeader title="Compare versions" />
        <Alert variant="warning" title={versions.length < 2 ? 'Pick at least two versions' : 'Compare at most four versions'} className="max-w-2xl">
          On the model’s page, tick 2 to 4 versions in the versions table and choose Compare.
        </Alert>
        <Link href={`/models/${encodeURIComponent(modelId)}`} className={buttonClasses({ variant: 'outline', className: 'mt-4' })}>
          Back to the model
        </Link>
      </>
    );
  }

  prefetch(trpc.catalog.model.queryOptions({ modelId }));
  // compare needs the id; links from the catalog carry it, so the common case is prefetched too.
  if (UUID.test(modelId)) prefetch(trpc.catalog.compare.queryOptions({ modelId, versions }));
  return (
    <HydrateClient>
      <Suspense fallback={<CompareViewSkeleton />}>
        <CompareView modelId={modelId} versions={versions} />
      </Suspense>
    </HydrateClient>
  );
}
