'use client';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { PageHeader } from '@/components/shell/page-header';
import { TASK_TYPE_LABELS } from '@/lib/validation/catalog';
import { Breadcrumbs } from '../breadcrumbs';

/** Title of the upload page: which model, and which version number the upload will most likely get. */
export function NewVersionHeader({ modelId }: { modelId: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.catalog.model.queryOptions({ modelId }));
  const { model } = data;
  return (
    <>
      <Breadcrumbs items={[{ label: 'Catalog', href: '/models' }, { label: model.name, href: `/models/${model.id}` }, { label: 'New version' }]} />
      <PageHeader
        title="New version"
        description={`${model.name} · ${TASK_TYPE_LABELS[model.taskType]}. It will be v${model.latestVersion + 1}, unless someone else uploads first. Files are checked before anything is stored.`}
      />
    </>
  );
}
