'use client';
// The candidate against the version it replaces on the alias: recorded metrics with deltas, schema
// differences and model card differences, drawn by the catalog's own compare widgets.
import { useSuspenseQuery } from '@tanstack/react-query';
import { Sparkles } from 'lucide-react';
import { Suspense, type ReactNode } from 'react';
import { CompareCard } from '@/components/catalog/compare/compare-card';
import { CompareMetrics } from '@/components/catalog/compare/compare-metrics';
import { CompareSchema } from '@/components/catalog/compare/compare-schema';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { SkeletonRows } from '@/components/ui/skeleton';
import { compareInput, replacedVersion } from './replaced-version';

function Heading({ children }: { children: ReactNode }) {
  return (
    <h2 id="comparison" className="text-xl font-semibold tracking-tight">
      {children}
    </h2>
  );
}

export function ComparisonSection({ requestId }: { requestId: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.releases.get.queryOptions({ requestId }));
  const base = replacedVersion(data);
  const input = compareInput(data);
  const { alias, version } = data.request;

  if (base.kind !== 'version' || !input) {
    return (
      <section aria-labelledby="comparison" className="flex flex-col gap-3" data-testid="comparison" data-base="none">
        <Heading>Against the current {alias} version</Heading>
        <div className="flex items-start gap-3 rounded-xl border border-dashed border-border bg-card/60 p-5 text-sm text-muted-foreground">
          <Sparkles aria-hidden className="mt-0.5 size-4 shrink-0" />
          <p data-testid="first-release">
            {base.kind === 'first'
              ? `First release to ${alias}: no version held it ${data.request.state === 'released' ? 'before this one' : 'yet'}, so there is nothing to compare with.`
              : `v${base.version} already holds ${alias}; there is no other version to compare with.`}
          </p>
        </div>
      </section>
    );
  }
  return (
    <section aria-labelledby="comparison" className="flex flex-col gap-4" data-testid="comparison" data-base={base.version}>
      <div className="flex flex-col gap-1">
        <Heading>
          v{version} against v{base.version}, the version it replaces on {alias}
        </Heading>
        <p className="text-sm text-muted-foreground">Deltas are the candidate (v{version}) minus the baseline (v{base.version}); green is better, red is worse.</p>
      </div>
      {base.note ? <Alert variant="warning">{base.note}</Alert> : null}
      <Suspense fallback={<ComparisonSkeleton />}>
        <Comparison input={input} />
      </Suspense>
    </section>
  );
}

function Comparison({ input }: { input: { modelId: string; versions: number[] } }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.catalog.compare.queryOptions(input));
  return (
    <div className="flex flex-col gap-8">
      <CompareMetrics data={data} />
      <CompareSchema data={data} />
      <CompareCard data={data} />
    </div>
  );
}

export function ComparisonSkeleton() {
  return <SkeletonRows rows={6} label="Loading the comparison…" />;
}
