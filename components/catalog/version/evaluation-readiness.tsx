'use client';
// What an evaluation of this version needs recorded (model file, input schema, output schema,
// preprocessing spec producing the model's input columns) and whether it has each, so the Schema
// tab never leaves someone to find out on the Evaluate page.
import { CheckCircle2, CircleAlert } from 'lucide-react';
import Link from 'next/link';
import { isRunnableInBrowser } from '@/lib/validation/artifact-info';
import { preprocessingWidth } from '@/lib/validation/catalog';
import { EVALUATION_NEEDS, EVALUATION_NEED_LABELS, missingForEvaluation, modelInputWidth, needsPreprocessing, type EvaluationNeed } from '@/lib/evaluation/readiness';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import type { VersionDetail } from '../types';

function detail(v: VersionDetail, need: EvaluationNeed, width: number | null): string {
  switch (need) {
    case 'model_file':
      return v.format === 'onnx' ? 'The .onnx graph ONNX Runtime Web loads.' : 'model.json and its weight shards, loaded by TF.js.';
    case 'input_schema':
      return v.inputSchema
        ? `${v.inputSchema.features.length} features.`
        : 'The features the model reads. Inferred when a reference dataset is attached (Reference data tab), or add it with “Edit schema”.';
    case 'output_schema':
      return v.outputSchema ? `Target “${v.outputSchema.target}”.` : 'The target column (and class labels) the predictions are scored against. Add it with “Edit schema”.';
    case 'preprocessing': {
      if (!needsPreprocessing(v)) return 'Not needed: the ONNX graph takes each feature as its own input.';
      const columns = width === null ? '' : ` The model takes ${width} columns.`;
      if (!v.preprocessing) return `How raw values become the model’s input columns.${columns} Add it below (it can be derived from the reference dataset).`;
      return `Produces ${preprocessingWidth(v.preprocessing)} columns.${columns}${v.preprocessingDerived ? ' Derived from the reference dataset: review it below.' : ''}`;
    }
  }
}

export function EvaluationReadiness({ v }: { v: VersionDetail }) {
  if (!isRunnableInBrowser(v.format)) {
    return (
      <p className="text-sm text-muted-foreground" data-testid="evaluation-readiness" data-ready="false">
        Evaluation: this version’s files are kept as they are and never run by Modelgate, so it needs no schema to be evaluated in the browser; its evaluations come from uploaded predictions.
      </p>
    );
  }
  const missing = missingForEvaluation(v);
  const width = modelInputWidth(v);
  const misfit = width !== null && v.preprocessing && needsPreprocessing(v) ? preprocessingWidth(v.preprocessing) !== width : false;
  const ready = missing.length === 0 && !misfit;
  return (
    <Card data-testid="evaluation-readiness" data-ready={ready} data-missing={missing.join(' ')}>
      <CardHeader>
        <CardTitle>What evaluation needs</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <p className="text-sm">
          {ready ? (
            <>
              v{v.version} has everything an evaluation needs.{' '}
              <Link href={`/evaluate?model=${v.model.id}&version=${v.version}`} className="font-medium text-primary hover:underline">
                Evaluate v{v.version}
              </Link>
            </>
          ) : misfit ? (
            `v${v.version} cannot be evaluated yet: its preprocessing spec does not produce the ${width} columns the model takes.`
          ) : (
            `v${v.version} cannot be evaluated yet: it has no ${missing.map((m) => EVALUATION_NEED_LABELS[m]).join(', ')} recorded.`
          )}
        </p>
        <ul className="flex flex-col gap-2 text-sm">
          {EVALUATION_NEEDS.map((need) => {
            const has = !missing.includes(need) && !(need === 'preprocessing' && misfit);
            return (
              <li key={need} className="flex items-start gap-2" data-testid="evaluation-need" data-need={need} data-present={has}>
                {has ? <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0 text-success" /> : <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-warning" />}
                <span>
                  <span className="font-medium">{EVALUATION_NEED_LABELS[need][0]?.toUpperCase() + EVALUATION_NEED_LABELS[need].slice(1)}</span>
                  <span className="sr-only">{has ? ': recorded.' : ': missing.'}</span> <span className="text-muted-foreground">{detail(v, need, width)}</span>
                </span>
              </li>
            );
          })}
        </ul>
      </CardContent>
    </Card>
  );
}
