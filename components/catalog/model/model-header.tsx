'use client';
// The model's title block: name, description (Markdown), owner, task, risk and tags, with
// "New version" for data scientists and Watch / Unwatch for everyone.
import { can } from '@/lib/permissions';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Upload } from 'lucide-react';
import Link from 'next/link';
import { useTRPC } from '@/components/providers/trpc-provider';
import { PageHeader } from '@/components/shell/page-header';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { Markdown } from '@/components/ui/markdown';
import { Skeleton } from '@/components/ui/skeleton';
import { TASK_TYPE_LABELS } from '@/lib/validation/catalog';
import { RiskTierBadge, TagList } from '../badges';
import { Breadcrumbs } from '../breadcrumbs';
import { formatDate } from '../format';
import { WatchToggle } from './watch-toggle';

export function ModelHeader({ modelId }: { modelId: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.catalog.model.queryOptions({ modelId }));
  const { data: me } = useSuspenseQuery(trpc.me.get.queryOptions());
  const { model } = data;
  return (
    <>
      <Breadcrumbs items={[{ label: 'Catalog', href: '/models' }, { label: model.name }]} />
      <PageHeader
        title={model.name}
        actions={
          <>
            <WatchToggle modelId={model.id} />
            {can(me, 'model.update') ? (
              <Link href={`/models/${model.id}/versions/new`} className={buttonClasses()}>
                <Upload aria-hidden />
                New version
              </Link>
            ) : null}
          </>
        }
      />
      <Card className="mb-6">
        <CardContent className="grid gap-6 pt-5 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <section aria-label="Description">
            <Markdown empty="No description yet.">{model.description}</Markdown>
          </section>
          <dl className="grid grid-cols-[7rem_minmax(0,1fr)] content-start gap-x-3 gap-y-2.5 text-sm">
            <dt className="text-muted-foreground">Owner team</dt>
            <dd className="min-w-0 font-medium break-words">{model.ownerTeam}</dd>
            <dt className="text-muted-foreground">Task type</dt>
            <dd>{TASK_TYPE_LABELS[model.taskType]}</dd>
            <dt className="text-muted-foreground">Risk tier</dt>
            <dd>
              <RiskTierBadge tier={model.riskTier} />
            </dd>
            <dt className="text-muted-foreground">Tags</dt>
            <dd className="min-w-0">
              <TagList tags={model.tags} wrap />
            </dd>
            <dt className="text-muted-foreground">Registered</dt>
            <dd className="text-muted-foreground">
              {formatDate(model.createdAt)} by {model.createdByName}
            </dd>
          </dl>
        </CardContent>
      </Card>
    </>
  );
}

export function ModelHeaderSkeleton() {
  return (
    <div role="status" className="mb-6 flex flex-col gap-4">
      <span className="sr-only">Loading model…</span>
      <Skeleton className="h-4 w-40" />
      <Skeleton className="h-8 w-72" />
      <Skeleton className="h-36 w-full rounded-xl" />
    </div>
  );
}
