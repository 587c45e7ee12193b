import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AdminTabs } from '@/components/admin/admin-tabs';
import { AddWebhookButton } from '@/components/admin/webhooks/add-webhook-dialog';
import { WebhookSettings, WebhookSettingsSkeleton } from '@/components/admin/webhooks/webhook-settings';
import { WebhooksList, WebhooksListSkeleton } from '@/components/admin/webhooks/webhooks-list';
import { NoAccess } from '@/components/shell/no-access';
import { PageHeader } from '@/components/shell/page-header';
import { sectionAccess } from '@/components/shell/session';
import { HydrateClient, prefetch, trpc } from '@/server/trpc/rsc';

export const metadata: Metadata = { title: 'Webhooks' };

export default async function WebhooksPage() {
  const { allowed } = await sectionAccess('/admin');
  if (!allowed) return <NoAccess href="/admin" />;

  prefetch(trpc.webhooks.list.queryOptions());
  prefetch(trpc.webhooks.settings.queryOptions());
  return (
    <HydrateClient>
      <PageHeader
        title="Webhooks"
        description="Send model versions, release requests and decisions, alias moves, alerts and comments to Slack, Teams, ticketing or CI. Deliveries are signed, retried with backoff when they fail, and kept across restarts. Every change is recorded in the audit trail."
        actions={<AddWebhookButton />}
      />
      <AdminTabs />
      <div className="flex flex-col gap-6">
        <Suspense fallback={<WebhookSettingsSkeleton />}>
          <WebhookSettings />
        </Suspense>
        <Suspense fallback={<WebhooksListSkeleton />}>
          <WebhooksList />
        </Suspense>
      </div>
    </HydrateClient>
  );
}
