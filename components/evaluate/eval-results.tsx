'use client';
// The outcome of a finished run: where it ran, what was left out, the task's metrics and charts,
// and saving it as evidence.
import type { OutputSchema } from '@/lib/validation/catalog';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { BackendSummary } from './backend-summary';
import { BinaryResults } from './binary-results';
import { CompareTable } from './compare-table';
import type { DatasetOrigin } from './dataset-choice';
import { ConfusionMatrix } from './confusion-matrix';
import { MetricCards } from './metric-cards';
import { RegressionCharts } from './regression-charts';
import { SaveEvidence } from './save-evidence';
import { SliceTable } from './slice-table';
import type { RunState } from './use-evaluation';

type Props = {
  run: Extract<RunState, { status: 'done' }>;
  modelId: string;
  version: number;
  outputSchema: OutputSchema;
  origin: DatasetOrigin;
  labelColumn: string;
  /** The column mapping the run used; the server verifies with the same columns. */
  mapping: Record<string, string>;
  sliceBy: string | null;
  onThreshold: (t: number) => void;
};

export function EvalResults({ run, modelId, version, outputSchema, origin, labelColumn, mapping, sliceBy, onThreshold }: Props) {
  const { result, view } = run;
  const classes = outputSchema.classLabels ?? [];
  const dropped = result.droppedCount;
  const missingFeatures = dropped - result.unknownLabels - result.raggedRows;
  const summary = view?.summary ?? result.summary;
  const slices = view?.slices ?? result.slices;
  const comparison = result.comparison;
  const compareSummary = view ? view.compareSummary : (comparison?.summary ?? null);

  return (
    <Card data-testid="eval-results">
      <CardHeader>
        <CardTitle>Results</CardTitle>
        <CardDescription>
          {result.evaluatedRows.toLocaleString('en')} of {result.dataset.rowCount.toLocaleString('en')} rows of {result.dataset.name} evaluated
          {dropped > 0 ? (
            <span data-testid="eval-left-out" data-dropped={dropped} data-ragged={result.raggedRows}>
              {` · ${dropped.toLocaleString('en')} left out (${result.unknownLabels.toLocaleString('en')} with a missing or unknown label, ${missingFeatures.toLocaleString('en')} with missing feature values`}
              {result.raggedRows > 0 ? `, ${result.raggedRows.toLocaleString('en')} with too few or too many fields` : ''})
            </span>
          ) : null}
          .
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-6">
        <BackendSummary result={result} />
        {result.taskType === 'binary_classification' && view ? (
          <BinaryResults
            metrics={result.binary}
            classLabels={classes}
            positiveClass={outputSchema.positiveClass ?? classes[1] ?? 'positive'}
            view={view}
            onThreshold={onThreshold}
          />
        ) : null}
        {result.taskType === 'multiclass_classification' ? (
          <>
            <MetricCards summary={result.summary} />
            <ConfusionMatrix
              labels={result.classLabels}
              counts={result.multiclass.confusion}
              caption={`Confusion matrix (${result.multiclass.count.toLocaleString('en')} rows; predicted class is the most probable)`}
            />
          </>
        ) : null}
        {result.taskType === 'regression' ? (
          <>
            <MetricCards summary={result.summary} />
            <RegressionCharts metrics={result.regression} />
          </>
        ) : null}
        {comparison && compareSummary ? <CompareTable version={version} compareVersion={comparison.version} candidate={summary} comparison={compareSummary} /> : null}
        {comparison?.error ? (
          <Alert variant="warning" title={`v${comparison.version} could not be compared`}>
            {comparison.error}
          </Alert>
        ) : null}
        {sliceBy && slices ? <SliceTable column={sliceBy} slices={slices} /> : null}
        <SaveEvidence
          modelId={modelId}
          version={version}
          origin={origin}
          labelColumn={labelColumn}
          mapping={mapping}
          result={result}
          threshold={view?.threshold ?? result.threshold}
          summary={summary}
        />
      </CardContent>
    </Card>
  );
}
