'use client';
// The catalog's results: one page of models from the server, with paging below. The live bus
// invalidates catalog queries, so a model registered elsewhere appears without a reload.
import { can } from '@/lib/permissions';
import { useSuspenseQuery } from '@tanstack/react-query';
import { clsx } from 'clsx';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import Link from 'next/link';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { SkeletonRows } from '@/components/ui/skeleton';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { TASK_TYPE_LABELS } from '@/lib/validation/catalog';
import { AliasBadges, RiskTierBadge, TagList } from '../badges';
import { formatDate, plainText } from '../format';
import { hasCatalogFilters } from './catalog-params';
import { useCatalogUrl } from './use-catalog-url';

export function ModelList() {
  const trpc = useTRPC();
  const { data: me } = useSuspenseQuery(trpc.me.get.queryOptions());
  const canRegister = can(me, 'model.register');
  const { query, navigate, setFilters, pending } = useCatalogUrl();
  const { data } = useSuspenseQuery(trpc.catalog.list.queryOptions(query));
  const first = data.items.length === 0 ? 0 : (data.page - 1) * data.pageSize + 1;
  const last = first === 0 ? 0 : first + data.items.length - 1;
  const pastTheEnd = data.items.length === 0 && data.total > 0;
  const hasNext = data.page * data.pageSize < data.total;
  const filtered = hasCatalogFilters(query);

  return (
    <div className={clsx('flex flex-col gap-3 transition-opacity', pending && 'opacity-60')} aria-busy={pending}>
      <Table>
        <TableCaption>Registered models{filtered ? ' matching the filters' : ''}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Model</TableHead>
            <TableHead className="hidden 2xl:table-cell">Task</TableHead>
            <TableHead>Risk</TableHead>
            <TableHead className="hidden 2xl:table-cell">Owner team</TableHead>
            <TableHead>Tags</TableHead>
            <TableHead className="text-right">Latest</TableHead>
            <TableHead>Aliases</TableHead>
            <TableHead>Updated</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.items.length === 0 ? (
            <TableRow>
              <TableCell colSpan={8} className="py-14 text-center">
                {pastTheEnd ? (
                  <>
                    <p className="font-medium">There are no models on page {data.page}.</p>
                    <Button variant="outline" size="sm" className="mt-4" onClick={() => navigate({ ...query, page: 1 })}>
                      Go to the first page
                    </Button>
                  </>
                ) : (
                  <EmptyState filtered={filtered} canRegister={canRegister} onClear={() => setFilters(NO_FILTERS)} />
                )}
              </TableCell>
            </TableRow>
          ) : (
            data.items.map((model) => (
              <TableRow key={model.id} data-testid="model-row" data-name={model.name} className="hover:bg-muted/30">
                <TableCell className="max-w-80 min-w-56">
                  <Link href={`/models/${model.id}`} className="font-medium break-words text-primary hover:underline">
                    {model.name}
                  </Link>
                  {/* Below 2xl the task and owner team columns are merged in here. */}
                  <p className="mt-0.5 text-xs text-muted-foreground 2xl:hidden">
                    {TASK_TYPE_LABELS[model.taskType]} · {model.ownerTeam}
                  </p>
                  {model.description ? <p className="mt-0.5 line-clamp-2 text-xs text-muted-foreground">{plainText(model.description)}</p> : null}
                </TableCell>
                <TableCell className="hidden whitespace-nowrap text-muted-foreground 2xl:table-cell">{TASK_TYPE_LABELS[model.taskType]}</TableCell>
                <TableCell>
                  <RiskTierBadge tier={model.riskTier} />
                </TableCell>
                <TableCell className="hidden whitespace-nowrap 2xl:table-cell">{model.ownerTeam}</TableCell>
                <TableCell className="max-w-56">
                  <TagList tags={model.tags} max={3} />
                </TableCell>
                <TableCell className="text-right tabular-nums">{model.latestVersion > 0 ? `v${model.latestVersion}` : <span className="text-muted-foreground">none</span>}</TableCell>
                <TableCell>
                  <AliasBadges aliases={model.aliases} />
                </TableCell>
                <TableCell className="whitespace-nowrap text-muted-foreground tabular-nums">
                  <time dateTime={new Date(model.updatedAt).toISOString()}>{formatDate(model.updatedAt)}</time>
                </TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
      <nav aria-label="Pages of models" className="flex flex-wrap items-center justify-between gap-3 text-sm">
        <p data-testid="catalog-range" className="text-muted-foreground tabular-nums">
          {first}–{last} of {data.total}
        </p>
        <div className="flex gap-2">
          <Button variant="outline" size="sm" disabled={data.page <= 1 || pending} onClick={() => navigate({ ...query, page: data.page - 1 }, { push: true })}>
            <ChevronLeft aria-hidden />
            Previous
          </Button>
          <Button variant="outline" size="sm" disabled={!hasNext || pending} onClick={() => navigate({ ...query, page: data.page + 1 }, { push: true })}>
            Next
            <ChevronRight aria-hidden />
          </Button>
        </div>
      </nav>
    </div>
  );
}

const NO_FILTERS = { q: undefined, ownerTeam: undefined, taskType: undefined, riskTier: undefined, alias: undefined, tag: undefined };

function EmptyState({ filtered, canRegister, onClear }: { filtered: boolean; canRegister: boolean; onClear: () => void }) {
  return (
    <>
      <p className="font-medium">{filtered ? 'No models match these filters.' : 'No models registered yet.'}</p>
      <p className="mt-1 text-sm text-muted-foreground">
        {filtered
          ? 'Try fewer words or clear a filter.'
          : canRegister
            ? 'Use “Register model” to add the first one.'
            : 'Data scientists register models; they appear here as soon as they do.'}
      </p>
      {filtered ? (
        <Button variant="outline" size="sm" className="mt-4" onClick={onClear}>
          Clear filters
        </Button>
      ) : null}
    </>
  );
}

export function ModelListSkeleton() {
  return <SkeletonRows rows={8} label="Loading models…" />;
}
