import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AddPersonButton } from '@/components/admin/add-person-dialog';
import { AdminTabs } from '@/components/admin/admin-tabs';
import { SignInThrottles, SignInThrottlesSkeleton } from '@/components/admin/sign-in-throttles';
import { UsersTable, UsersTableSkeleton } from '@/components/admin/users-table';
import { NoAccess } from '@/components/shell/no-access';
import { PageHeader } from '@/components/shell/page-header';
import { sectionAccess } from '@/components/shell/session';
import { can } from '@/lib/permissions';
import { HydrateClient, prefetch, trpc } from '@/server/trpc/rsc';

export const metadata: Metadata = { title: 'People and roles' };

export default async function AdminPage() {
  const { allowed, user } = await sectionAccess('/admin');
  if (!allowed) return <NoAccess href="/admin" />;

  prefetch(trpc.users.list.queryOptions());
  prefetch(trpc.me.get.queryOptions());
  const seesSignInLimits = can(user, 'user.manage');
  if (seesSignInLimits) prefetch(trpc.users.signInThrottles.queryOptions());
  return (
    <HydrateClient>
      <PageHeader
        title="People and roles"
        description="Who can sign in to Modelgate and what they may do. Every change is recorded in the audit trail and takes effect on the person’s next request."
        actions={<AddPersonButton />}
      />
      <AdminTabs />
      <Suspense fallback={<UsersTableSkeleton />}>
        <UsersTable />
      </Suspense>
      {seesSignInLimits ? (
        <Suspense fallback={<SignInThrottlesSkeleton />}>
          <SignInThrottles />
        </Suspense>
      ) : null}
    </HydrateClient>
  );
}
