// Posts a new version as multipart/form-data with XMLHttpRequest, which (unlike fetch) reports
// upload progress. Resolves with the created version or with the server's refusal, worded for people.
import type { VersionMetadataInput } from '@/lib/validation/catalog';

type CreatedVersion = { model: string; version: number; contentDigest: string; url: string };
export type UploadFailure = { status: number; message: string; rule?: string; file?: string; issues: { path?: string; message: string }[] };
export type UploadOutcome = { ok: true; created: CreatedVersion } | { ok: false; failure: UploadFailure };

type UploadArgs = {
  modelId: string;
  files: File[];
  dataset: File | null;
  metadata: VersionMetadataInput;
  /** Bytes of the request body sent so far, and its total. */
  onProgress: (loaded: number, total: number) => void;
};

const FALLBACK: Record<number, string> = {
  401: 'Your session has ended. Sign in again, then retry the upload.',
  403: 'You are not allowed to upload versions of this model.',
  413: 'The upload is larger than the server accepts.',
};

export function failureFrom(status: number, text: string): UploadFailure {
  try {
    const body = JSON.parse(text) as { error?: { message?: string; details?: { rule?: string; file?: string; issues?: { path?: string; message: string }[] } | null } };
    const details = body.error?.details ?? {};
    if (body.error?.message) return { status, message: body.error.message, rule: details.rule, file: details.file, issues: details.issues ?? [] };
  } catch {
    // Not our JSON (a proxy's error page): fall through to a plain explanation.
  }
  return { status, message: FALLBACK[status] ?? `The upload failed (HTTP ${status}). Try again; if it keeps failing, tell an administrator.`, issues: [] };
}

export function uploadVersion({ modelId, files, dataset, metadata, onProgress }: UploadArgs): { done: Promise<UploadOutcome>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const body = new FormData();
  // Metadata first: it is small, so the progress bar tracks the files almost exactly.
  body.append('metadata', JSON.stringify(metadata));
  for (const file of files) body.append('files', file, file.name);
  if (dataset) body.append('referenceDataset', dataset, dataset.name);

  const done = new Promise<UploadOutcome>((resolve) => {
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : 0);
    xhr.onload = () => {
      if (xhr.status === 201) {
        try {
          resolve({ ok: true, created: JSON.parse(xhr.responseText) as CreatedVersion });
          return;
        } catch {
          // Fall through: a 201 without our JSON is reported like any other surprise.
        }
      }
      resolve({ ok: false, failure: failureFrom(xhr.status, xhr.responseText) });
    };
    xhr.onerror = () => resolve({ ok: false, failure: { status: 0, message: 'Could not reach Modelgate. Check your connection and try again.', issues: [] } });
    xhr.onabort = () => resolve({ ok: false, failure: { status: 0, message: 'Upload cancelled before the server answered. If it had already arrived, the version appears in the list.', rule: 'cancelled', issues: [] } });
  });
  xhr.open('POST', `/api/v1/models/${encodeURIComponent(modelId)}/versions`);
  xhr.setRequestHeader('accept', 'application/json');
  xhr.send(body);
  return { done, abort: () => xhr.abort() };
}

/** Each file's share of the bytes sent so far (0..1), taking the files in the order they were appended. */
export function perFileProgress(sizes: number[], loaded: number, total: number): number[] {
  const payload = sizes.reduce((a, b) => a + b, 0);
  if (total <= 0 || payload <= 0) return sizes.map(() => 0);
  let sent = (loaded / total) * payload;
  return sizes.map((size) => {
    const share = size === 0 ? (sent >= 0 ? 1 : 0) : Math.max(0, Math.min(1, sent / size));
    sent -= size;
    return share;
  });
}
