'use client';
// The candidate's saved evaluations: which dataset, whether the server verified them, their metrics,
// and which one the evaluation gate rests on.
import { useSuspenseQuery } from '@tanstack/react-query';
import { FlaskConical, ShieldCheck, ShieldQuestion } from 'lucide-react';
import Link from 'next/link';
import { formatDateTime, formatMetric } from '@/components/catalog/format';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { SkeletonRows } from '@/components/ui/skeleton';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { savedBackendLabel } from '@/lib/evaluation/wasm-threads-label';

export function EvaluationsSection({ requestId }: { requestId: string }) {
  const trpc = useTRPC();
  const { data: d } = useSuspenseQuery(trpc.releases.get.queryOptions({ requestId }));
  const { data: evaluations } = useSuspenseQuery(trpc.evaluations.list.queryOptions({ modelId: d.model.id, version: d.version.version }));
  const gateEvidence = d.gates.find((g) => g.key === 'evaluation')?.evidence as { evaluationId?: string } | undefined;
  const reference = d.referenceDataset;
  return (
    <section aria-labelledby="evaluations" className="flex flex-col gap-3" data-testid="evaluations">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex flex-col gap-1">
          <h2 id="evaluations" className="text-xl font-semibold tracking-tight">
            Evaluations of v{d.version.version}
          </h2>
          <p className="text-sm text-muted-foreground">
            {reference ? `Reference dataset: ${reference.name}.` : 'This version has no reference dataset.'} Evaluations verified by the server recompute the metrics from the stored labels.
          </p>
        </div>
        <Link href={`/evaluate?model=${d.model.id}&version=${d.version.version}`} className={buttonClasses({ variant: 'outline', size: 'sm' })}>
          <FlaskConical aria-hidden /> Evaluate v{d.version.version}
        </Link>
      </div>
      {evaluations.length === 0 ? (
        <p className="rounded-xl border border-dashed border-border p-6 text-center text-sm text-muted-foreground">No evaluation of v{d.version.version} has been saved.</p>
      ) : (
        <Table>
          <TableCaption>Saved evaluations of the candidate version, newest first</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>When (UTC)</TableHead>
              <TableHead>By</TableHead>
              <TableHead>Dataset</TableHead>
              <TableHead>Metrics</TableHead>
              <TableHead>Evidence</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {evaluations.map((e) => {
              const onReference = !!reference && e.datasetSha256 === reference.sha256;
              const stale = e.contentDigest !== d.version.contentDigest;
              return (
                <TableRow key={e.id} data-testid="release-evaluation" data-verified={e.verified} data-gate={gateEvidence?.evaluationId === e.id || undefined}>
                  <TableCell className="text-xs whitespace-nowrap">{formatDateTime(e.createdAt)}</TableCell>
                  <TableCell>{e.createdByName}</TableCell>
                  <TableCell>
                    <span className="block">{e.datasetName}</span>
                    <span className="text-xs text-muted-foreground">
                      {e.evaluatedRows.toLocaleString('en')} rows{onReference ? ' · reference dataset' : ''} · {savedBackendLabel(e)}
                    </span>
                  </TableCell>
                  <TableCell className="max-w-80 font-mono text-xs">
                    {Object.entries(e.metrics)
                      .map(([k, v]) => `${k} ${formatMetric(v ?? undefined)}`)
                      .join(' · ')}
                  </TableCell>
                  <TableCell>
                    <span className="flex flex-col items-start gap-1">
                      {e.verified ? (
                        <Badge variant="success" title={e.verificationNote}>
                          <ShieldCheck aria-hidden className="size-3.5" /> Verified
                        </Badge>
                      ) : (
                        <Badge variant="warning" title={e.verificationNote}>
                          <ShieldQuestion aria-hidden className="size-3.5" /> Not verified
                        </Badge>
                      )}
                      {gateEvidence?.evaluationId === e.id ? <Badge variant="primary">Used by the gate</Badge> : null}
                      {stale ? <Badge variant="destructive">Other content digest</Badge> : null}
                    </span>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

export function EvaluationsSkeleton() {
  return <SkeletonRows rows={3} label="Loading evaluations…" />;
}
