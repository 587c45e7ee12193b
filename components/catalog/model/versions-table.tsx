'use client';
// The model's versions, newest first: aliases, where its newest release request stands, key metrics,
// model card completeness and who made each. Pick 2 to 4 rows to compare them side by side.
import { useSuspenseQuery } from '@tanstack/react-query';
import { clsx } from 'clsx';
import { GitCompare } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { KindBadge, ReleaseStateBadge } from '@/components/approvals/badges';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { AliasBadges } from '../badges';
import { cardFieldLabel, formatDate, formatMetric, versionHref } from '../format';
import type { VersionSummary } from '../types';

const MAX_METRIC_COLUMNS = 5;
/** Below 2xl (a laptop, beside the side column) only the first metrics get a column; all are on the version's page. */
const NARROW_METRIC_COLUMNS = 3;
/** Columns shown only from 2xl up; below, their facts are merged into the version cell or left to the version's page. */
const WIDE_ONLY = 'hidden 2xl:table-cell';
const MAX_COMPARE = 4;

/** The metrics most versions report, up to five, so the columns are the ones worth scanning. */
function keyMetrics(versions: VersionSummary[]): string[] {
  const counts = new Map<string, number>();
  for (const v of versions) for (const name of Object.keys(v.metrics)) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a, ca], [b, cb]) => cb - ca || a.localeCompare(b))
    .slice(0, MAX_METRIC_COLUMNS)
    .map(([name]) => name);
}

export function VersionsTable({ modelId }: { modelId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const hintId = useId();
  const { data } = useSuspenseQuery(trpc.catalog.model.queryOptions({ modelId }));
  const [picked, setPicked] = useState<number[]>([]);
  const metrics = keyMetrics(data.versions);
  const id = data.model.id;
  const canCompare = picked.length >= 2 && picked.length <= MAX_COMPARE;

  function toggle(version: number, on: boolean) {
    setPicked((p) => (on ? [...p, version] : p.filter((v) => v !== version)));
  }

  function compare() {
    const query = [...picked].sort((a, b) => a - b).map((v) => `v=${v}`).join('&');
    router.push(`/models/${id}/compare?${query}`);
  }

  return (
    <section aria-labelledby={`${hintId}-title`} className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id={`${hintId}-title`} className="text-lg font-semibold tracking-tight">
          Versions
        </h2>
        <div className="flex items-center gap-3">
          <p id={hintId} className="text-xs text-muted-foreground" aria-live="polite">
            {picked.length === 0 ? 'Pick 2 to 4 versions to compare.' : `${picked.length} selected${picked.length > MAX_COMPARE ? `; at most ${MAX_COMPARE}` : ''}.`}
          </p>
          <Button size="sm" variant="outline" onClick={compare} disabled={!canCompare} aria-describedby={hintId}>
            <GitCompare aria-hidden />
            Compare
          </Button>
        </div>
      </div>
      <Table>
        <TableCaption>Versions of {data.model.name}, newest first</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead className="w-10">
              <span className="sr-only">Select for comparison</span>
            </TableHead>
            <TableHead>Version</TableHead>
            <TableHead>Aliases</TableHead>
            <TableHead>Release</TableHead>
            {metrics.map((m, i) => (
              <TableHead key={m} className={clsx('text-right normal-case', i >= NARROW_METRIC_COLUMNS && WIDE_ONLY)}>
                {m}
              </TableHead>
            ))}
            <TableHead className={WIDE_ONLY}>Model card</TableHead>
            <TableHead className={WIDE_ONLY}>Created</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.versions.length === 0 ? (
            <TableRow>
              <TableCell colSpan={6 + metrics.length} className="py-12 text-center text-muted-foreground">
                No versions yet. A data scientist uploads the first one with “New version”.
              </TableCell>
            </TableRow>
          ) : (
            data.versions.map((v) => (
              <TableRow key={v.id} data-testid="version-row" data-version={v.version} className="hover:bg-muted/30">
                <TableCell>
                  <Checkbox
                    aria-label={`Select v${v.version} for comparison`}
                    checked={picked.includes(v.version)}
                    onChange={(e) => toggle(v.version, e.currentTarget.checked)}
                  />
                </TableCell>
                <TableCell className="whitespace-nowrap">
                  <Link href={versionHref(id, v.version)} className="font-medium text-primary tabular-nums hover:underline">
                    v{v.version}
                  </Link>
                  {/* Below 2xl the model card column is merged in here (who created it and when: the version's page). */}
                  <span className="block text-xs text-muted-foreground tabular-nums 2xl:hidden" title={cardTitle(v)}>
                    card {v.cardCompleteness.filled}/{v.cardCompleteness.total}
                  </span>
                </TableCell>
                <TableCell>
                  <AliasBadges aliases={v.aliases.map((name) => ({ name }))} />
                </TableCell>
                <TableCell>
                  <ReleaseCell release={v.release} submitted={!!v.submittedAt} />
                </TableCell>
                {metrics.map((m, i) => (
                  <TableCell key={m} className={clsx('text-right font-mono text-xs tabular-nums', i >= NARROW_METRIC_COLUMNS && WIDE_ONLY)}>
                    {formatMetric(v.metrics[m])}
                  </TableCell>
                ))}
                <TableCell className={clsx('tabular-nums', WIDE_ONLY)} title={cardTitle(v)}>
                  <span className={v.cardCompleteness.filled === v.cardCompleteness.total ? 'text-success' : undefined}>
                    {v.cardCompleteness.filled}/{v.cardCompleteness.total}
                  </span>
                </TableCell>
                <TableCell className={clsx('whitespace-nowrap text-muted-foreground', WIDE_ONLY)}>
                  {v.createdByName}, <time dateTime={new Date(v.createdAt).toISOString()}>{formatDate(v.createdAt)}</time>
                </TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
    </section>
  );
}

const cardTitle = (v: VersionSummary) => (v.cardCompleteness.missing.length ? `Model card missing: ${v.cardCompleteness.missing.map(cardFieldLabel).join(', ')}` : 'Model card complete');

/** The newest release request: its state, the alias it asks for, and a link to it. */
function ReleaseCell({ release, submitted }: { release: VersionSummary['release']; submitted: boolean }) {
  if (!release) return <span className="text-muted-foreground">{submitted ? 'submitted' : '—'}</span>;
  return (
    <span className="flex min-w-32 flex-wrap items-center gap-x-1.5 gap-y-1 whitespace-nowrap" data-testid="version-release" data-state={release.state} data-reference={release.reference}>
      <ReleaseStateBadge state={release.state} />
      <KindBadge kind={release.kind} />
      <Link href={`/approvals/${release.id}`} className="font-mono text-xs text-primary hover:underline" title={`Newest release request of this version: ${release.reference}`}>
        {release.reference}
      </Link>
      <span className="text-xs text-muted-foreground">→ {release.alias}</span>
    </span>
  );
}
