import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { VersionView, VersionViewSkeleton } from '@/components/catalog/version/version-view';
import { NoAccess } from '@/components/shell/no-access';
import { sectionAccess } from '@/components/shell/session';
import { getQueryClient, HydrateClient, prefetch, trpc } from '@/server/trpc/rsc';
import { modelTitle } from '../../../_lib/model-title';
import { modelParam } from '../../../_lib/model-param';

type Params = Promise<{ modelId: string; version: string }>;

/** "3" or "v3"; anything else is not a version page. */
function versionNumber(raw: string): number | null {
  const match = /^v?([1-9]\d{0,8})$/.exec(raw);
  return match ? Number(match[1]) : null;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { modelId, version } = await params;
  return { title: await modelTitle(modelId, `v${versionNumber(version) ?? '?'}`) };
}

export default async function VersionPage({ params, searchParams }: { params: Params; searchParams: Promise<{ tab?: string | string[] }> }) {
  const { allowed } = await sectionAccess('/models');
  if (!allowed) return <NoAccess href="/models" />;
  const raw = await params;
  const modelId = modelParam(raw.modelId);
  const version = versionNumber(raw.version);
  if (version === null) notFound();

  prefetch(trpc.catalog.version.queryOptions({ modelId, version }));
  prefetch(trpc.me.get.queryOptions());
  // The discussion is a tab; a link to a comment opens on it (?tab=discussion#comment-…).
  if ((await searchParams).tab === 'discussion') {
    const detail = await getQueryClient()
      .fetchQuery(trpc.catalog.version.queryOptions({ modelId, version }))
      .catch(() => null);
    if (detail) prefetch(trpc.comments.thread.queryOptions({ subjectType: 'version', subjectId: detail.id }));
  }
  return (
    <HydrateClient>
      <Suspense fallback={<VersionViewSkeleton />}>
        <VersionView modelId={modelId} version={version} />
      </Suspense>
    </HydrateClient>
  );
}
