'use client';
// Saved evaluations of this version: immutable evidence for release approvals, newest first.
import { useQuery } from '@tanstack/react-query';
import { FlaskConical, ShieldCheck, ShieldQuestion } from 'lucide-react';
import Link from 'next/link';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { savedBackendLabel } from '@/lib/evaluation/wasm-threads-label';
import type { DatasetSource } from '@/lib/validation/evaluations';
import { formatDateTime, formatMetric } from '../format';
import type { VersionDetail } from '../types';

const SOURCE_LABELS: Record<DatasetSource, string> = { reference: 'reference dataset', stored: 'stored dataset', local: 'local file' };

export function EvaluationsTab({ v }: { v: VersionDetail }) {
  const trpc = useTRPC();
  const { data, isPending } = useQuery(trpc.evaluations.list.queryOptions({ modelId: v.model.id, version: v.version }));
  const evaluateHref = `/evaluate?model=${v.model.id}&version=${v.version}`;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="max-w-2xl text-sm text-muted-foreground">
          Evaluations run in the browser on the reference dataset or another dataset stored on the server (verified by the server from the uploaded predictions), or on local data that never leaves the laptop (saved as not verified).
        </p>
        <Link href={evaluateHref} className={buttonClasses({ variant: 'primary' })}>
          <FlaskConical aria-hidden /> Evaluate this version
        </Link>
      </div>
      {isPending ? (
        <Skeleton className="h-32 w-full" />
      ) : !data?.length ? (
        <p className="rounded-xl border border-dashed border-border p-6 text-center text-sm text-muted-foreground">No evaluations saved for v{v.version} yet.</p>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>When (UTC)</TableHead>
              <TableHead>By</TableHead>
              <TableHead>Dataset</TableHead>
              <TableHead>Backend</TableHead>
              <TableHead>Key metrics</TableHead>
              <TableHead>Evidence</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.map((e) => (
              <TableRow key={e.id} data-testid="evaluation-row" data-verified={e.verified} data-source={e.datasetSource}>
                <TableCell className="whitespace-nowrap text-xs">{formatDateTime(e.createdAt)}</TableCell>
                <TableCell>{e.createdByName}</TableCell>
                <TableCell>
                  <span className="block">{e.datasetName}</span>
                  <span className="text-xs text-muted-foreground">
                    {e.evaluatedRows.toLocaleString('en')} rows · {SOURCE_LABELS[e.datasetSource]}
                  </span>
                </TableCell>
                <TableCell className="text-xs">
                  {savedBackendLabel(e)}
                  {e.adapter ? <span className="block text-muted-foreground">{`${e.adapter.vendor} ${e.adapter.architecture}`.trim()}</span> : null}
                </TableCell>
                <TableCell className="font-mono text-xs">
                  {Object.entries(e.metrics)
                    .slice(0, 4)
                    .map(([k, value]) => `${k} ${formatMetric(value ?? Number.NaN)}`)
                    .join(' · ')}
                </TableCell>
                <TableCell>
                  {e.verified ? (
                    <Badge variant="success" title={e.verificationNote}>
                      <ShieldCheck aria-hidden className="size-3.5" /> Verified
                    </Badge>
                  ) : (
                    <Badge variant="warning" title={e.verificationNote}>
                      <ShieldQuestion aria-hidden className="size-3.5" /> Not verified
                    </Badge>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
