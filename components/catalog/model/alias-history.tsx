'use client';
// Which version held which alias when: every move, newest first, with who made it and why.
import { useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { AliasBadge } from '../badges';
import { formatDateTime, versionHref } from '../format';

export function AliasHistory({ modelId }: { modelId: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.catalog.model.queryOptions({ modelId }));
  const id = data.model.id;
  const version = (v: number | null) =>
    v === null ? (
      <span className="text-muted-foreground">none</span>
    ) : (
      <Link href={versionHref(id, v)} className="text-primary tabular-nums hover:underline">
        v{v}
      </Link>
    );

  return (
    <section aria-labelledby="alias-history-title" className="flex flex-col gap-3">
      <h2 id="alias-history-title" className="text-lg font-semibold tracking-tight">
        Alias history
      </h2>
      <Table>
        <TableCaption>Alias moves, newest first</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Alias</TableHead>
            <TableHead>Change</TableHead>
            <TableHead>By</TableHead>
            <TableHead>When (UTC)</TableHead>
            <TableHead>Reason</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.aliasHistory.length === 0 ? (
            <TableRow>
              <TableCell colSpan={5} className="py-8 text-center text-muted-foreground">
                No alias has been set on this model yet.
              </TableCell>
            </TableRow>
          ) : (
            data.aliasHistory.map((h) => (
              <TableRow key={h.id} data-testid="alias-history-row" data-alias={h.alias}>
                <TableCell>
                  <AliasBadge name={h.alias} />
                </TableCell>
                <TableCell className="whitespace-nowrap">
                  {version(h.fromVersion)} <span aria-hidden>→</span><span className="sr-only"> to </span> {h.toVersion === null ? <span className="text-muted-foreground">removed</span> : version(h.toVersion)}
                </TableCell>
                <TableCell>{h.movedByName}</TableCell>
                <TableCell className="font-mono text-xs whitespace-nowrap text-muted-foreground">
                  <time dateTime={new Date(h.movedAt).toISOString()}>{formatDateTime(h.movedAt).replace(' UTC', '')}</time>
                </TableCell>
                <TableCell className="max-w-72 text-muted-foreground [overflow-wrap:anywhere]">{h.reason ?? '—'}</TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
    </section>
  );
}
