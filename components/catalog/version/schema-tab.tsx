'use client';
// The version's contract: input features (types, ranges, categories, missing values), what it
// predicts, the preprocessing from raw values to the model's input tensor, and what of it an
// evaluation needs.
import { can } from '@/lib/permissions';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Pencil } from 'lucide-react';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { featureDomain } from '../format';
import type { VersionDetail } from '../types';
import { EvaluationReadiness } from './evaluation-readiness';
import { PreprocessingSection } from './preprocessing-section';
import { SchemaEditorDialog } from './schema-editor-dialog';

export function SchemaTab({ v }: { v: VersionDetail }) {
  const trpc = useTRPC();
  const { data: me } = useSuspenseQuery(trpc.me.get.queryOptions());
  const [editing, setEditing] = useState(false);
  const features = v.inputSchema?.features ?? [];
  const out = v.outputSchema;
  const canEdit = can(me, 'version.update');
  return (
    <div className="flex flex-col gap-6">
      <EvaluationReadiness v={v} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold tracking-tight">Input features</h2>
        {canEdit ? (
          <Button variant="outline" size="sm" onClick={() => setEditing(true)}>
            <Pencil aria-hidden />
            Edit schema
          </Button>
        ) : null}
      </div>
      <Table>
        <TableCaption>Input features of v{v.version}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Type</TableHead>
            <TableHead>Range or categories</TableHead>
            <TableHead>Missing allowed</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {features.length === 0 ? (
            <TableRow>
              <TableCell colSpan={4} className="py-8 text-center text-muted-foreground">
                No input schema recorded. It is inferred when a reference dataset is attached (with the version or later, under Reference data), or a data scientist can add it with “Edit schema”.
              </TableCell>
            </TableRow>
          ) : (
            features.map((f) => (
              <TableRow key={f.name} data-testid="feature-row" data-name={f.name} data-type={f.type}>
                <TableCell className="font-mono text-xs">
                  {f.name}
                  {f.description ? <p className="mt-0.5 font-sans text-xs text-muted-foreground">{f.description}</p> : null}
                </TableCell>
                <TableCell>
                  <Badge variant={f.type === 'numeric' ? 'primary' : 'neutral'}>{f.type}</Badge>
                </TableCell>
                <TableCell className="max-w-96 text-sm [overflow-wrap:anywhere]">{featureDomain(f)}</TableCell>
                <TableCell>{f.allowMissing ? 'Yes' : 'No'}</TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
      <div className="grid items-start gap-6 lg:grid-cols-[20rem_minmax(0,1fr)]">
        <Card>
          <CardHeader>
            <CardTitle>Output schema</CardTitle>
          </CardHeader>
          <CardContent>
            {out ? (
              <dl className="grid grid-cols-[7rem_minmax(0,1fr)] gap-x-3 gap-y-2 text-sm" data-testid="output-schema">
                <dt className="text-muted-foreground">Target</dt>
                <dd className="font-mono text-xs">{out.target}</dd>
                <dt className="text-muted-foreground">Class labels</dt>
                <dd>{out.classLabels?.length ? out.classLabels.map((l, i) => <Badge key={`${l}-${i}`} variant="outline" className="mr-1 mb-1">{l}</Badge>) : '—'}</dd>
                <dt className="text-muted-foreground">Positive class</dt>
                <dd>{out.positiveClass ?? '—'}</dd>
              </dl>
            ) : (
              <p className="text-sm text-muted-foreground">No output schema recorded.</p>
            )}
          </CardContent>
        </Card>
        <PreprocessingSection v={v} canEdit={canEdit} />
      </div>
      {editing ? <SchemaEditorDialog v={v} onClose={() => setEditing(false)} /> : null}
    </div>
  );
}
