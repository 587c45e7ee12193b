'use client';
// "New version": model files, optional reference data and the version's metadata, uploaded in one
// multipart request with progress. The browser checks what it can first; the server decides.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { Upload } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { MarkdownField } from '../forms/markdown-field';
import { ArtifactDropzone } from './artifact-dropzone';
import { DatasetPicker } from './dataset-picker';
import { LineageFields } from './lineage-fields';
import { MetricsEditor } from './metrics-editor';
import { ModelCardFields } from './model-card-fields';
import { OutputSchemaFields } from './output-schema-fields';
import { UploadError, UploadProgress, type UploadPhase } from './upload-status';
import { perFileProgress, uploadVersion, type UploadFailure } from './upload-version';
import { useArtifactFiles } from './use-artifact-files';
import { emptyVersionForm, toVersionMetadata, versionFormSchema, type VersionFormOutput, type VersionFormValues } from './version-form-schema';

export function NewVersionForm({ modelId }: { modelId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const id = useId();
  const { data } = useSuspenseQuery(trpc.catalog.model.queryOptions({ modelId }));
  const { model } = data;
  const artifacts = useArtifactFiles();
  const [dataset, setDataset] = useState<File | null>(null);
  const [phase, setPhase] = useState<UploadPhase>({ kind: 'idle' });
  const [failure, setFailure] = useState<UploadFailure | null>(null);
  const [filesMissing, setFilesMissing] = useState(false);
  const abortRef = useRef<() => void>(() => {});
  const errorRef = useRef<HTMLDivElement>(null);
  const dropRef = useRef<HTMLDivElement>(null);
  const form = useForm<VersionFormValues, unknown, VersionFormOutput>({ resolver: zodResolver(versionFormSchema(model.taskType)), defaultValues: emptyVersionForm() });
  const busy = phase.kind === 'uploading' || phase.kind === 'processing' || phase.kind === 'created';

  const sizes = [...artifacts.files.map((f) => f.size), ...(dataset ? [dataset.size] : [])];
  const shares = phase.kind === 'uploading' ? perFileProgress(sizes, phase.loaded, phase.total) : busy ? sizes.map(() => 1) : null;

  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    if (!artifacts.ready) {
      setFilesMissing(true);
      dropRef.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      return;
    }
    setPhase({ kind: 'uploading', loaded: 0, total: 0 });
    const upload = uploadVersion({
      modelId: model.id,
      files: artifacts.files,
      dataset,
      metadata: { ...toVersionMetadata(values, model.taskType), artifactFormat: artifacts.other ? 'other' : 'auto' },
      onProgress: (loaded, total) => setPhase(loaded >= total && total > 0 ? { kind: 'processing' } : { kind: 'uploading', loaded, total }),
    });
    abortRef.current = upload.abort;
    const outcome = await upload.done;
    if (outcome.ok) {
      setPhase({ kind: 'created', version: outcome.created.version });
      await queryClient.invalidateQueries({ queryKey: trpc.catalog.pathKey() });
      router.push(outcome.created.url);
      return;
    }
    setPhase({ kind: 'idle' });
    setFailure(outcome.failure);
    requestAnimationFrame(() => errorRef.current?.focus());
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label={`New version of ${model.name}`} className="flex flex-col gap-6">
      <Card>
        <CardContent className="grid gap-6 pt-5 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <div ref={dropRef} className="scroll-mt-24">
            <ArtifactDropzone
              files={artifacts.files}
              shardPaths={artifacts.shardPaths}
              issues={artifacts.issues}
              skipped={artifacts.skipped}
              progress={shares ? shares.slice(0, artifacts.files.length) : null}
              disabled={busy}
              onAdd={artifacts.add}
              onRemove={artifacts.remove}
              kind={artifacts.kind}
              other={artifacts.other}
              onOtherChange={artifacts.setOther}
            />
          </div>
          <DatasetPicker file={dataset} progress={dataset && shares ? (shares[shares.length - 1] ?? 0) : null} disabled={busy} onChange={setDataset} />
        </CardContent>
      </Card>
      <Card>
        <CardContent className="flex flex-col gap-8 pt-5">
          <MarkdownField id={`${id}-description`} label="Description" value={form.watch('description')} hint="What changed in this version and why. Markdown." error={form.formState.errors.description?.message} textareaProps={form.register('description')} />
          <OutputSchemaFields form={form} taskType={model.taskType} />
          <p className="-mt-4 text-xs text-muted-foreground" data-testid="preprocessing-plan">
            {dataset
              ? `The input schema (features, types, ranges) is inferred from ${dataset.name}, and the preprocessing evaluation needs is derived from it: z-scores from its means and standard deviations for numeric features, one-hot for categorical ones, where those columns fit the model’s input${form.watch('target').trim() ? '' : ' and the target above is named'}. It is marked “derived” on the version’s Schema tab for you to review.`
              : 'The input schema (features, types, ranges) and the preprocessing evaluation needs are derived from a reference dataset. Without one, attach it later on the version’s Reference data tab (both are derived then), or add them on the Schema tab.'}
          </p>
          <MetricsEditor form={form} />
          <LineageFields form={form} versions={data.versions.map((v) => v.version)} />
        </CardContent>
      </Card>
      <ModelCardFields form={form} />
      <div className="sticky bottom-0 z-10 -mx-4 flex flex-col gap-3 border-t border-border bg-background/95 px-4 py-4 backdrop-blur md:mx-0 md:rounded-xl md:border md:bg-card/95 md:px-5">
        {failure ? <UploadError ref={errorRef} failure={failure} /> : null}
        {filesMissing && !artifacts.ready ? (
          <Alert variant="error" data-testid="files-not-ready">
            {artifacts.files.length === 0 ? 'Add the model files (model.json and its weight shards, or a .onnx file) before uploading.' : 'Fix the problems with the model files above before uploading.'}
          </Alert>
        ) : null}
        {Object.keys(form.formState.errors).length > 0 && !busy ? <Alert variant="error">Some fields need attention; they are marked above.</Alert> : null}
        <UploadProgress phase={phase} onCancel={() => abortRef.current()} />
        <div className="flex flex-wrap items-center justify-end gap-2">
          <p className="mr-auto text-xs text-muted-foreground">
            {artifacts.checking ? 'Checking files…' : artifacts.ready ? `${artifacts.files.length} model files${dataset ? ' and a reference dataset' : ''} ready.` : 'Add the model files to upload.'}
          </p>
          <Link href={`/models/${model.id}`} className={buttonClasses({ variant: 'outline' })} aria-disabled={busy} tabIndex={busy ? -1 : undefined}>
            Cancel
          </Link>
          <Button type="submit" disabled={busy}>
            <Upload aria-hidden />
            {busy ? 'Uploading…' : 'Upload version'}
          </Button>
        </div>
      </div>
    </form>
  );
}
