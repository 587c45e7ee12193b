import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AdminTabs } from '@/components/admin/admin-tabs';
import { TierPolicies, TierPoliciesSkeleton } from '@/components/approvals/policies/tier-policies';
import { NoAccess } from '@/components/shell/no-access';
import { PageHeader } from '@/components/shell/page-header';
import { sectionAccess } from '@/components/shell/session';
import { HydrateClient, prefetch, trpc } from '@/server/trpc/rsc';

export const metadata: Metadata = { title: 'Release policies' };

export default async function ReleasePoliciesPage() {
  const { allowed } = await sectionAccess('/admin');
  if (!allowed) return <NoAccess href="/admin" />;

  prefetch(trpc.releases.policies.queryOptions());
  return (
    <HydrateClient>
      <PageHeader
        title="Release policies"
        description="What a release request must have before a model version reaches staging or production, per risk tier. A model’s own release rules can only make its tier’s policy stricter. Every change is recorded in the audit trail."
      />
      <AdminTabs />
      <Suspense fallback={<TierPoliciesSkeleton />}>
        <TierPolicies />
      </Suspense>
    </HydrateClient>
  );
}
