import type { Metadata } from 'next';
import { ApprovalsInbox } from '@/components/approvals/inbox/approvals-inbox';
import { initialInboxView } from '@/components/approvals/inbox/inbox-views';
import { NoAccess } from '@/components/shell/no-access';
import { PageHeader } from '@/components/shell/page-header';
import { sectionAccess } from '@/components/shell/session';
import { HydrateClient, prefetch, trpc } from '@/server/trpc/rsc';

export const metadata: Metadata = { title: 'Approvals' };

type SearchParams = Promise<{ tab?: string | string[] }>;

export default async function ApprovalsPage({ searchParams }: { searchParams: SearchParams }) {
  const { allowed, user } = await sectionAccess('/approvals');
  if (!allowed) return <NoAccess href="/approvals" />;

  const view = initialInboxView((await searchParams).tab, user.roles);
  prefetch(trpc.releases.list.queryOptions({ view }));
  await prefetch(trpc.releases.counts.queryOptions()); // read with useQuery by the inbox tabs (the layout settles it for the navigation)
  return (
    <HydrateClient>
      <PageHeader
        title="Approvals"
        description="Release requests for protected aliases, their reviews and the electronically signed decisions that move a model version to staging or production. Times are in UTC."
      />
      <ApprovalsInbox initialView={view} />
    </HydrateClient>
  );
}
