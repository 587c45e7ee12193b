// Reads a multipart upload for the REST API. The byte limit is enforced twice: up front from
// Content-Length, and while the body streams in, so a chunked upload that declares no length is cut
// off (and refused with 413) as soon as it passes the limit instead of being read whole first.
import { env } from '@/server/env';
import { PayloadTooLargeError, ValidationError } from '@/server/errors';
import type { UploadedFile } from '@/server/artifacts/validate-tfjs';
import { refuseUnsafeText } from './route';

const MiB = 1024 * 1024;

function tooLarge(bytes: number | null) {
  const size = bytes === null ? 'The upload is larger than the limit' : `The upload is ${(bytes / MiB).toFixed(1)} MiB`;
  return new PayloadTooLargeError(`${size}; the limit is ${env.MAX_ARTIFACT_MB} MiB of model files plus ${env.MAX_DATASET_MB} MiB of reference data.`, { rule: 'too_large' });
}

/**
 * The body, passed through chunk by chunk, erroring (and cancelling the source, so the client's
 * upload is abandoned) on the first chunk that takes the total past `limit`.
 */
function limitBody(body: ReadableStream<Uint8Array>, limit: number, onExceeded: () => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let seen = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        return;
      }
      seen += value.byteLength;
      if (seen > limit) {
        onExceeded();
        controller.error(tooLarge(null));
        await reader.cancel('upload over the size limit').catch(() => {});
        return;
      }
      controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

export async function readUpload(req: Request) {
  const limit = (env.MAX_ARTIFACT_MB + env.MAX_DATASET_MB) * MiB + MiB;
  const length = Number(req.headers.get('content-length') ?? 0);
  if (length > limit) throw tooLarge(length);
  const contentType = req.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    throw new ValidationError('Send the files as multipart/form-data: one or more “files” parts, an optional “metadata” JSON part and an optional “referenceDataset” CSV part.');
  }
  let exceeded = false;
  let form: FormData;
  try {
    const body = req.body ? limitBody(req.body, limit, () => (exceeded = true)) : null;
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    if (exceeded) throw tooLarge(null);
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
  refuseUnsafeText({ files: files.map((f) => f.name), metadata, referenceDataset: referenceDataset?.name }, 'upload');
  return { files, metadata, referenceDataset };
}
