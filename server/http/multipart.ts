// Reads a multipart upload for the REST API: size-checked before the body is read.
import { env } from '@/server/env';
import { PayloadTooLargeError, ValidationError } from '@/server/errors';
import type { UploadedFile } from '@/server/artifacts/validate-tfjs';

export async function readUpload(req: Request) {
  const limit = (env.MAX_ARTIFACT_MB + env.MAX_DATASET_MB) * 1024 * 1024 + 1024 * 1024;
  const length = Number(req.headers.get('content-length') ?? 0);
  if (length > limit) throw new PayloadTooLargeError(`The upload is ${(length / 1048576).toFixed(1)} MiB; the limit is ${env.MAX_ARTIFACT_MB} MiB of model files plus ${env.MAX_DATASET_MB} MiB of reference data.`, { rule: 'too_large' });
  if (!(req.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    throw new ValidationError('Send the files as multipart/form-data: one or more “files” parts, an optional “metadata” JSON part and an optional “referenceDataset” CSV part.');
  }
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    throw new ValidationError('The multipart body could not be read.');
  }
  const files: UploadedFile[] = [];
  for (const entry of form.getAll('files')) {
    if (typeof entry === 'string') throw new ValidationError('Each “files” part must be a file.');
    files.push({ name: entry.name, bytes: new Uint8Array(await entry.arrayBuffer()) });
  }
  const rawMetadata = form.get('metadata');
  let metadata: unknown = {};
  if (typeof rawMetadata === 'string' && rawMetadata.trim()) {
    try {
      metadata = JSON.parse(rawMetadata);
    } catch {
      throw new ValidationError('The “metadata” part is not valid JSON.');
    }
  }
  const dataset = form.get('referenceDataset');
  const referenceDataset = dataset && typeof dataset !== 'string' ? { name: dataset.name, bytes: new Uint8Array(await dataset.arrayBuffer()) } : undefined;
  return { files, metadata, referenceDataset };
}
