'use client';
// Saves a finished run as evidence. For a dataset it stores, the reference one or another, the
// server re-runs the model on rows it picks at random, recomputes the metrics from the predictions
// and refuses any mismatch; a local file's rows never leave the browser, so those metrics are
// stored as reported and marked unverified.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Save } from 'lucide-react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { can } from '@/lib/permissions';
import { MAX_DROPPED_ROWS, MAX_SAVED_ROWS, type EvaluationResult } from '@/lib/evaluation/worker/protocol';
import type { DatasetOrigin } from './dataset-choice';

function toBase64(values: Float32Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function sha256Hex(values: Float32Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(values.buffer as ArrayBuffer, values.byteOffset, values.byteLength)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

type Props = {
  modelId: string;
  version: number;
  origin: DatasetOrigin;
  labelColumn: string;
  mapping: Record<string, string>;
  result: EvaluationResult;
  threshold: number | null;
  summary: Record<string, number | null>;
};

export function SaveEvidence({ modelId, version, origin, labelColumn, mapping, result, threshold, summary }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.me.get.queryOptions());
  const save = useMutation(
    trpc.evaluations.save.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.evaluations.pathFilter()),
    }),
  );
  const { predictions, dataset, droppedRows } = result;
  const blocker = !predictions
    ? `Too many predictions to keep (more than ${MAX_SAVED_ROWS.toLocaleString('en')} rows, or fewer with many classes), so this run cannot be saved. Evaluate a smaller file to save evidence.`
    : result.evaluatedRows === 0
      ? 'No row could be evaluated, so there is nothing to save.'
      : !droppedRows
        ? `More than ${MAX_DROPPED_ROWS.toLocaleString('en')} rows were left out, more than an evaluation can record. Clean the file and run it again.`
        : null;

  async function onSave() {
    if (!predictions || !droppedRows) return;
    save.mutate({
      modelId,
      version,
      dataset: { ...origin, name: dataset.name, sha256: dataset.sha256, rowCount: dataset.rowCount },
      labelColumn,
      backend: result.backend,
      adapter: result.adapter,
      tfjsVersion: result.tfjsVersion,
      // The threads of the WASM build that ran (under WebGPU, ONNX Runtime's only run the nodes WebGPU lacks).
      wasmThreads: result.backend === 'wasm' ? result.runtime.threads : null,
      timings: result.timings,
      threshold,
      metrics: summary,
      predictions: toBase64(predictions),
      predictionsSha256: await sha256Hex(predictions),
      mapping,
      evaluatedRows: result.evaluatedRows,
      droppedRows,
    });
  }

  if (save.data) {
    return (
      <Alert data-testid="eval-saved" variant="success" title={`Saved as evaluation ${save.data.id}`}>
        {save.data.verificationNote}
      </Alert>
    );
  }
  // The server refuses it anyway; people who may not save evidence (auditors) are not offered it.
  if (!me.data) return null;
  if (!can(me.data, 'evaluation.save')) {
    return (
      <p className="text-xs text-muted-foreground" data-testid="eval-save-not-allowed">
        Your roles may run evaluations but not save them as evidence.
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={() => void onSave()} disabled={!!blocker || save.isPending}>
          <Save aria-hidden /> {save.isPending ? (origin.source !== 'local' ? 'Verifying on the server…' : 'Saving…') : 'Save as evidence'}
        </Button>
        <p className="text-xs text-muted-foreground">
          {origin.source !== 'local'
            ? 'Before it records them, the server runs the model itself on randomly chosen rows and recomputes the metrics from the predictions.'
            : 'Only metrics and predictions are sent; the local file stays in your browser, so the server cannot verify them.'}
        </p>
      </div>
      {blocker ? <p className="text-xs text-muted-foreground">{blocker}</p> : null}
      {save.error ? <Alert variant="error" title="Not saved">{save.error.message}</Alert> : null}
    </div>
  );
}
