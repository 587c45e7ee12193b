import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageHeader } from '@/components/shell/page-header';
import { ApiTokens, ApiTokensSkeleton } from '@/components/settings/api-tokens';
import { ChangePasswordForm } from '@/components/settings/change-password-form';
import { ProfileCard } from '@/components/settings/profile-card';
import { Skeleton } from '@/components/ui/skeleton';
import { HydrateClient, prefetch, trpc } from '@/server/trpc/rsc';

export const metadata: Metadata = { title: 'Settings' };

export default function SettingsPage() {
  prefetch(trpc.me.get.queryOptions());
  prefetch(trpc.apiTokens.list.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title="Settings" description="Your profile, how you sign in, and tokens for the API." />
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Suspense fallback={<Skeleton className="h-56 w-full rounded-xl" />}>
          <ProfileCard />
        </Suspense>
        <ChangePasswordForm />
      </div>
      <div className="mt-6">
        <Suspense fallback={<ApiTokensSkeleton />}>
          <ApiTokens />
        </Suspense>
      </div>
    </HydrateClient>
  );
}
