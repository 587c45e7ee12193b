import type { Metadata } from 'next';
import { Suspense } from 'react';
import { EvaluateView } from '@/components/evaluate/evaluate-view';
import { NoAccess } from '@/components/shell/no-access';
import { sectionAccess } from '@/components/shell/session';
import { Skeleton } from '@/components/ui/skeleton';
import { HydrateClient, prefetch, trpc } from '@/server/trpc/rsc';

export const metadata: Metadata = { title: 'Evaluate' };

type SearchParams = Promise<{ model?: string | string[]; version?: string | string[] }>;

export default async function EvaluatePage({ searchParams }: { searchParams: SearchParams }) {
  const { allowed } = await sectionAccess('/evaluate');
  if (!allowed) return <NoAccess href="/evaluate" />;
  // Opened from a version page (?model=&version=): load that version with the page.
  const { model, version } = await searchParams;
  const number = typeof version === 'string' && /^[1-9]\d{0,8}$/.test(version) ? Number(version) : null;
  if (typeof model === 'string' && model) {
    // The evaluate view reads both with useQuery (its pickers change them), so they are settled before hydration.
    await Promise.all([
      prefetch(trpc.catalog.model.queryOptions({ modelId: model })),
      number !== null ? prefetch(trpc.catalog.version.queryOptions({ modelId: model, version: number })) : null,
    ]);
  }
  return (
    <HydrateClient>
      <Suspense fallback={<Skeleton className="h-96 w-full" />}>
        <EvaluateView />
      </Suspense>
    </HydrateClient>
  );
}
