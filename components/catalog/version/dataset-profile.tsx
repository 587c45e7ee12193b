'use client';
// The version's reference dataset (the drift baseline): what it is, how to get it, and a profile
// of every column: type, missing rate, and the distribution. Data scientists attach or replace it here.
import { can } from '@/lib/permissions';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Download } from 'lucide-react';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent } from '@/components/ui/card';
import type { ColumnProfile } from '@/lib/validation/catalog';
import { formatBytes, formatDateTime, formatMetric, formatPercent } from '../format';
import type { VersionDetail } from '../types';
import type { AttachedDataset } from '../upload/upload-dataset';
import { CategoryBars, NumericHistogram } from './column-charts';
import { AttachedNotice, ReferenceDatasetUpload } from './reference-dataset-upload';

export function DatasetProfile({ v }: { v: VersionDetail }) {
  const trpc = useTRPC();
  const { data: me } = useSuspenseQuery(trpc.me.get.queryOptions());
  const canAttach = can(me, 'version.update');
  const [attached, setAttached] = useState<AttachedDataset | null>(null);
  const ds = v.referenceDataset;
  if (!ds) {
    return (
      <div data-testid="dataset-profile" data-empty className="flex flex-col gap-4 rounded-xl border border-dashed border-border bg-card/60 p-6 text-sm text-muted-foreground">
        <p>
          No reference dataset is attached to this version. Reference data is the baseline that monitoring compares live traffic with
          {canAttach ? '; upload a CSV with a header row to attach it.' : '; a data scientist can attach one.'}
        </p>
        {canAttach ? (
          <div>
            <ReferenceDatasetUpload v={v} onAttached={setAttached} />
          </div>
        ) : null}
      </div>
    );
  }
  const target = v.outputSchema?.target;
  return (
    <section data-testid="dataset-profile" aria-label="Reference dataset profile" className="flex flex-col gap-5">
      {attached?.id === ds.id ? <AttachedNotice attached={attached} /> : null}
      <Card>
        <CardContent className="flex flex-wrap items-start justify-between gap-4 pt-5">
          <dl className="grid grid-cols-[6rem_minmax(0,1fr)] gap-x-3 gap-y-2 text-sm">
            <dt className="text-muted-foreground">Name</dt>
            <dd className="font-mono text-xs" data-testid="dataset-name">
              {ds.name}
            </dd>
            <dt className="text-muted-foreground">Rows</dt>
            <dd className="tabular-nums" data-testid="dataset-rows">
              {ds.rowCount.toLocaleString('en-US')}
            </dd>
            <dt className="text-muted-foreground">Columns</dt>
            <dd className="tabular-nums">{ds.columns.length}</dd>
            <dt className="text-muted-foreground">Size</dt>
            <dd>{formatBytes(ds.size)}</dd>
            <dt className="text-muted-foreground">SHA-256</dt>
            <dd className="font-mono text-xs break-all" data-testid="dataset-sha256">
              {ds.sha256}
            </dd>
            <dt className="text-muted-foreground">Uploaded</dt>
            <dd>{formatDateTime(ds.createdAt)}</dd>
          </dl>
          <div className="flex flex-col items-end gap-3">
            <a href={`/api/v1/models/${v.model.id}/versions/${v.version}/reference-dataset`} download className="inline-flex items-center gap-1.5 text-sm font-medium text-primary hover:underline">
              <Download aria-hidden className="size-4" />
              Download CSV
            </a>
            {canAttach ? <ReferenceDatasetUpload v={v} onAttached={setAttached} /> : null}
          </div>
        </CardContent>
      </Card>
      <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3" aria-label="Columns">
        {ds.profile.columns.map((col) => (
          <li key={col.name}>
            <ColumnCard col={col} rows={ds.profile.rowCount} isTarget={col.name === target} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function ColumnCard({ col, rows, isTarget }: { col: ColumnProfile; rows: number; isTarget: boolean }) {
  return (
    <Card className="h-full" data-testid="column-profile" data-name={col.name} data-type={col.type}>
      <CardContent className="flex flex-col gap-3 pt-4">
        <div className="flex items-center gap-2">
          <h3 className="min-w-0 flex-1 truncate font-mono text-sm font-medium" title={col.name}>
            {col.name}
          </h3>
          {isTarget ? <Badge variant="warning">target</Badge> : null}
          <Badge variant={col.type === 'numeric' ? 'primary' : 'neutral'}>{col.type}</Badge>
        </div>
        <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-xs sm:grid-cols-4">
          <Stat label="Missing" value={formatPercent(col.missingRate)} warn={col.missingRate > 0.05} />
          {col.numeric ? (
            <>
              <Stat label="Mean" value={formatMetric(col.numeric.mean)} />
              <Stat label="Std" value={formatMetric(col.numeric.std)} />
              <Stat label="Range" value={`${formatMetric(col.numeric.min)}…${formatMetric(col.numeric.max)}`} />
            </>
          ) : col.categorical ? (
            <Stat label="Distinct" value={String(col.categorical.distinct)} />
          ) : null}
        </dl>
        {col.numeric ? <NumericHistogram name={col.name} profile={col.numeric} /> : null}
        {col.categorical ? <CategoryBars profile={col.categorical} rows={rows} /> : null}
      </CardContent>
    </Card>
  );
}

function Stat({ label, value, warn }: { label: string; value: string; warn?: boolean }) {
  return (
    <div className="flex flex-col">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className={`truncate font-medium tabular-nums ${warn ? 'text-warning' : ''}`} title={value}>
        {value}
      </dd>
    </div>
  );
}
