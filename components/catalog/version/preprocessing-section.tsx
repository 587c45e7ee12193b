'use client';
// The version's preprocessing spec (raw values -> input tensor, in column order) and, for data
// scientists, its editor while the version is a draft; once submitted for release it is frozen.
import { Pencil } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { needsPreprocessing } from '@/lib/evaluation/readiness';
import type { PreprocessingSpec, PreprocessingStep } from '@/lib/validation/catalog';
import { formatDateTime } from '../format';
import type { VersionDetail } from '../types';
import { PreprocessingEditorDialog } from './preprocessing-editor-dialog';

function stepParameters(step: PreprocessingStep): string {
  switch (step.kind) {
    case 'standardize':
      return `mean ${step.mean}, std ${step.std}`;
    case 'min_max':
      return `min ${step.min}, max ${step.max}`;
    case 'one_hot':
    case 'ordinal':
      return step.categories.join(', ');
    default:
      return '—';
  }
}

function missingText(m: PreprocessingSpec['missingNumeric']) {
  return m.strategy === 'constant' ? `filled with ${m.value}` : m.strategy === 'mean' ? 'filled with the mean' : 'the row is dropped';
}

export function PreprocessingSection({ v, canEdit }: { v: VersionDetail; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const spec = v.preprocessing;
  return (
    <section aria-labelledby="preprocessing-title" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 id="preprocessing-title" className="text-base font-semibold">
          Preprocessing
        </h3>
        {canEdit && !v.submittedAt ? (
          <Button variant="outline" size="sm" onClick={() => setEditing(true)}>
            <Pencil aria-hidden />
            {spec ? 'Edit preprocessing' : 'Add preprocessing'}
          </Button>
        ) : null}
      </div>
      {canEdit && v.submittedAt ? (
        <p className="text-xs text-muted-foreground" data-testid="preprocessing-frozen">
          Frozen: v{v.version} was submitted for release {formatDateTime(v.submittedAt)}, and the preprocessing decides what the model is fed. Register a new version to change it.
        </p>
      ) : null}
      {spec && v.preprocessingDerived ? (
        <p className="text-xs text-warning" data-testid="preprocessing-derived">
          Derived from the reference dataset ({v.referenceDataset?.name ?? 'its profile'}): z-scores from its means and standard deviations, one-hot categories from the input schema. Review it against
          training{canEdit && !v.submittedAt ? ', then save it (edited or as it is) to mark it reviewed' : ''}.
        </p>
      ) : null}
      {spec ? (
        <>
          <Table>
            <TableCaption>Preprocessing steps in tensor column order</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead className="w-10">#</TableHead>
                <TableHead>Feature</TableHead>
                <TableHead>Step</TableHead>
                <TableHead>Parameters</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {spec.steps.map((step, i) => (
                <TableRow key={step.feature} data-testid="preprocessing-row" data-feature={step.feature} data-kind={step.kind}>
                  <TableCell className="text-muted-foreground tabular-nums">{i + 1}</TableCell>
                  <TableCell className="font-mono text-xs">{step.feature}</TableCell>
                  <TableCell>{step.kind.replace('_', ' ')}</TableCell>
                  <TableCell className="text-xs [overflow-wrap:anywhere]">{stepParameters(step)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <p className="text-xs text-muted-foreground">Missing numeric values: {missingText(spec.missingNumeric)}. Missing categorical values count as an unknown category.</p>
        </>
      ) : (
        <p className="text-sm text-muted-foreground" data-testid="preprocessing-none">
          {needsPreprocessing(v)
            ? `No preprocessing spec recorded. Evaluation needs one: it turns raw values into the model’s input columns.${v.referenceDataset && v.inputSchema ? ' Add it with “Add preprocessing”, where it can be derived from the reference dataset.' : ' Attach a reference dataset (Reference data tab) to derive it, or add it by hand.'}`
            : 'None needed: the ONNX graph takes each feature as its own input.'}
        </p>
      )}
      {editing ? <PreprocessingEditorDialog v={v} onClose={() => setEditing(false)} /> : null}
    </section>
  );
}
