'use client';
// The Evaluate page: choose a version and a dataset, map columns, run the model in a Web Worker
// and read (and save) the metrics. The choice of version is kept in the URL (?model=&version=).
import { isRunnableInBrowser } from '@/lib/validation/artifact-info';
import { useQuery } from '@tanstack/react-query';
import { usePathname, useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { PageHeader } from '@/components/shell/page-header';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import type { BackendChoice } from '@/lib/evaluation/backends';
import { planColumns } from '@/lib/evaluation/plan';
import { missingForEvaluation } from '@/lib/evaluation/readiness';
import { DEFAULT_BATCH_SIZE, type StartMessage } from '@/lib/evaluation/worker/protocol';
import { ColumnMapping } from './column-mapping';
import { DataScan } from './data-scan';
import { DatasetChoice, type DatasetOrigin, type DatasetSelection } from './dataset-choice';
import { EvalResults } from './eval-results';
import { NotEvaluable } from './not-evaluable';
import { ModelVersionPicker, type VersionRef } from './model-version-picker';
import { RunOptions } from './run-options';
import { RunPanel } from './run-panel';
import { useCompareTarget } from './use-compare-target';
import { useDatasetPreview } from './use-dataset-preview';
import { useEvaluation } from './use-evaluation';

const positiveInt = (raw: string | null) => (raw && /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : null);
const NO_FILE: DatasetSelection = { source: 'local', file: null, header: [] };

/** Where the worker reads the rows (a server URL, bytes checked against the SHA-256, or the local file) and how a save names them. */
function runData(selection: DatasetSelection, reference: { name: string; sha256: string; size: number } | null, versionUrl: string): { dataset: StartMessage['dataset']; origin: DatasetOrigin } | null {
  switch (selection.source) {
    case 'reference':
      return reference
        ? { dataset: { url: `${versionUrl}/reference-dataset`, sha256: reference.sha256, name: reference.name, bytes: reference.size }, origin: { source: 'reference' } }
        : null;
    case 'stored': {
      const d = selection.dataset;
      return d ? { dataset: { url: `/api/v1/datasets/${encodeURIComponent(d.id)}`, sha256: d.sha256, name: d.name, bytes: d.size }, origin: { source: 'stored', id: d.id } } : null;
    }
    case 'local':
      return selection.file ? { dataset: { file: selection.file }, origin: { source: 'local' } } : null;
  }
}

export function EvaluateView() {
  const trpc = useTRPC();
  const params = useSearchParams();
  const pathname = usePathname();
  const [ref, setRef] = useState<VersionRef>({ modelId: params.get('model') ?? '', version: positiveInt(params.get('version')) });
  const [dataset, setDataset] = useState<DatasetSelection>({ source: 'reference', header: [] });
  const [labelColumn, setLabelColumn] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [backend, setBackend] = useState<BackendChoice>('auto');
  const [sliceColumn, setSliceColumn] = useState<string | null>(null);
  const { state, start, cancel, setThreshold, reset } = useEvaluation();
  // Set once React owns the form: choices made before that (a fast click after load) would be lost.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  // What the shown results were computed from, fixed when the run starts (the form may change after).
  const [ran, setRan] = useState<{ modelId: string; version: number; origin: DatasetOrigin; labelColumn: string; mapping: Record<string, string>; sliceBy: string | null } | null>(null);

  const model = useQuery({ ...trpc.catalog.model.queryOptions({ modelId: ref.modelId }), enabled: ref.modelId !== '' });
  const versionNumber = ref.version ?? model.data?.versions[0]?.version ?? null;
  const version = useQuery({ ...trpc.catalog.version.queryOptions({ modelId: ref.modelId, version: versionNumber ?? 1 }), enabled: ref.modelId !== '' && versionNumber !== null });
  const v = version.data;

  const reference = v?.referenceDataset ?? null;
  // Without a reference dataset the choice falls back to a local file.
  const selection = dataset.source === 'reference' && !reference ? NO_FILE : dataset;
  const header = selection.source === 'reference' ? (reference?.columns ?? []) : selection.header;
  const target = v?.outputSchema?.target ?? '';
  const label = labelColumn ?? target;
  const schema = useMemo(
    // An ONNX graph with one named input per feature is fed its recorded raw-feature mapping instead of a spec.
    () => (v?.inputSchema && v.outputSchema && (v.preprocessing || v.rawFeatureInputs) ? { inputSchema: v.inputSchema, outputSchema: v.outputSchema, preprocessing: v.preprocessing, rawInputs: v.rawFeatureInputs } : null),
    [v],
  );
  const fullMapping = useMemo(() => (label && label !== target ? { ...mapping, [target]: label } : mapping), [mapping, label, target]);
  const plan = useMemo(() => (schema && header.length ? planColumns(header, schema, fullMapping) : null), [schema, header, fullMapping]);
  // Any column of a known header; otherwise the columns of the schema's categorical features.
  const sliceColumns = header.length ? header : (schema?.inputSchema.features.filter((f) => f.type === 'categorical').map((f) => fullMapping[f.name] ?? f.name) ?? []);
  const sliceBy = sliceColumn !== null && sliceColumns.includes(sliceColumn) ? sliceColumn : null;
  const compare = useCompareTarget(ref.modelId, v?.version ?? null, model.data?.versions ?? [], fullMapping);
  const base = v ? `/api/v1/models/${encodeURIComponent(v.model.id)}/versions/${v.version}` : null;
  const data = base ? runData(selection, reference, base) : null;
  // The same bytes the run will read, first rows only, checked before Run.
  const preview = useDatasetPreview(!data || !schema ? null : 'file' in data.dataset ? { file: data.dataset.file } : { url: data.dataset.url });

  function choose(next: VersionRef) {
    setRef(next);
    setMapping({});
    setLabelColumn(null);
    reset();
    const query = new URLSearchParams();
    if (next.modelId) query.set('model', next.modelId);
    if (next.version !== null) query.set('version', String(next.version));
    window.history.replaceState(null, '', query.size ? `${pathname}?${query}` : pathname);
  }

  const missing = v ? missingForEvaluation(v) : [];
  const blocker: ReactNode = !v
    ? 'Choose a model version.'
    : !isRunnableInBrowser(v.format)
      ? 'This version is stored in a format Modelgate keeps as is and never loads: not runnable in the browser. Evaluations of it come from uploaded predictions and are marked unverified.'
      : missing.length > 0 || !schema
        ? <NotEvaluable modelId={v.model.id} version={v.version} missing={missing} />
        : selection.source === 'local' && !selection.file
          ? 'Choose a local CSV file.'
          : selection.source === 'stored' && !selection.dataset
            ? 'Choose a dataset stored on the server.'
            : !plan?.ok
              ? 'Resolve the column problems above.'
              : compare.loading
                ? 'Loading the version to compare with…'
                : null;

  function run() {
    if (!v || !schema || !base || !data || blocker) return;
    setRan({ modelId: v.model.id, version: v.version, origin: data.origin, labelColumn: label, mapping: fullMapping, sliceBy });
    start({
      taskType: v.model.taskType,
      ...schema,
      format: v.format,
      operators: v.artifactInfo?.kind === 'onnx' ? v.artifactInfo.operators : [],
      files: v.files.map((f) => ({ name: f.name, sha256: f.sha256, url: `${base}/files/${encodeURIComponent(f.name)}` })),
      dataset: data.dataset,
      mapping: fullMapping,
      backend,
      batchSize: DEFAULT_BATCH_SIZE,
      threshold: 0.5,
      sliceBy,
      compare: compare.target,
    });
  }

  const running = state.status === 'running';
  return (
    <>
      <PageHeader title="Evaluate" description="Run a model version against a labelled dataset in your browser, and save the metrics as evidence." />
      <div className="flex flex-col gap-6" data-testid="evaluate-view" data-hydrated={hydrated}>
        <Card>
          <CardHeader>
            <CardTitle>Setup</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-6">
            <ModelVersionPicker value={{ modelId: ref.modelId, version: versionNumber }} onChange={choose} disabled={running} />
            {version.error ? <Alert variant="error" title="Cannot load the version">{version.error.message}</Alert> : null}
            {v ? (
              <>
                <DatasetChoice reference={reference} value={selection} onChange={(d) => (setDataset(d), setMapping({}))} disabled={running} />
                <ColumnMapping
                  header={header}
                  plan={plan}
                  target={target}
                  labelColumn={label}
                  mapping={mapping}
                  onLabelColumn={setLabelColumn}
                  onMap={(feature, column) => setMapping(({ [feature]: _old, ...rest }) => (column ? { ...rest, [feature]: column } : rest))}
                  disabled={running}
                />
                <DataScan state={preview} schema={schema} mapping={fullMapping} taskType={v.model.taskType} />
              </>
            ) : null}
            {v ? (
              <RunOptions columns={sliceColumns} sliceBy={sliceBy} onSliceBy={setSliceColumn} compare={compare} disabled={running} />
            ) : null}
            <RunPanel
              backend={backend}
              onBackend={setBackend}
              canRun={blocker === null}
              blocker={blocker}
              running={running}
              message={running ? state.message : null}
              progress={running ? state.progress : null}
              onRun={run}
              onCancel={cancel}
            />
            {state.status === 'error' ? <Alert variant="error" title="The evaluation stopped">{state.message}</Alert> : null}
            {state.status === 'cancelled' ? <Alert title="Cancelled">The evaluation was cancelled; nothing was saved.</Alert> : null}
            {state.status === 'problems' ? (
              <Alert variant="warning" title="The file's columns do not fit the model">
                {state.problems.map((p) => p.message).join(' ')}
              </Alert>
            ) : null}
          </CardContent>
        </Card>
        {state.status === 'done' && ran && schema ? (
          <EvalResults run={state} {...ran} outputSchema={schema.outputSchema} onThreshold={setThreshold} />
        ) : null}
      </div>
    </>
  );
}
