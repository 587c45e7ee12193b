import { can } from '@/lib/permissions';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { NewVersionHeader } from '@/components/catalog/upload/new-version-header';
import { NewVersionForm } from '@/components/catalog/upload/new-version-form';
import { NoAccess } from '@/components/shell/no-access';
import { PageHeader } from '@/components/shell/page-header';
import { sectionAccess } from '@/components/shell/session';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { fetchOrNotFound, HydrateClient, pageParam, trpc } from '@/server/trpc/rsc';
import { modelTitle } from '../../../_lib/model-title';

type Params = Promise<{ modelId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: await modelTitle((await params).modelId, '· New version') };
}

export default async function NewVersionPage({ params }: { params: Params }) {
  const { allowed, user } = await sectionAccess('/models');
  if (!allowed) return <NoAccess href="/models" />;
  const modelId = pageParam((await params).modelId);
  await fetchOrNotFound(trpc.catalog.model.queryOptions({ modelId }));
  // The server refuses uploads from anyone else; this page says so before they fill in a form.
  if (!can(user, 'version.create')) {
    return (
      <>
        <PageHeader title="New version" />
        <Alert variant="warning" title="Only data scientists upload versions" className="max-w-2xl">
          You can read every model and version. Ask an administrator for the Data scientist role if your work needs uploads.
        </Alert>
        <Link href={`/models/${encodeURIComponent(modelId)}`} className={buttonClasses({ variant: 'outline', className: 'mt-4' })}>
          Back to the model
        </Link>
      </>
    );
  }

  return (
    <HydrateClient>
      <Suspense fallback={<Skeleton className="mb-6 h-16 w-96" />}>
        <NewVersionHeader modelId={modelId} />
      </Suspense>
      <Suspense fallback={<Skeleton className="h-[32rem] w-full rounded-xl" />}>
        <NewVersionForm modelId={modelId} />
      </Suspense>
    </HydrateClient>
  );
}
