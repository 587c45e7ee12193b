// Posts a reference dataset for an existing version (multipart, one “referenceDataset” part) with
// XMLHttpRequest for upload progress, to the REST endpoint that calls attachReferenceDataset.
import { failureFrom, type UploadFailure } from './upload-version';

export type AttachedDataset = { id: string; name: string; sha256: string; rowCount: number; inputSchemaInferred: boolean; preprocessingDerived: boolean };
export type AttachOutcome = { ok: true; attached: AttachedDataset } | { ok: false; failure: UploadFailure };

type AttachArgs = { modelId: string; version: number; file: File; onProgress: (loaded: number, total: number) => void };

export function uploadReferenceDataset({ modelId, version, file, onProgress }: AttachArgs): { done: Promise<AttachOutcome>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const body = new FormData();
  body.append('referenceDataset', file, file.name);
  const done = new Promise<AttachOutcome>((resolve) => {
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : 0);
    xhr.onload = () => {
      if (xhr.status === 201) {
        try {
          resolve({ ok: true, attached: JSON.parse(xhr.responseText) as AttachedDataset });
          return;
        } catch {
          // Fall through: a 201 without our JSON is reported like any other surprise.
        }
      }
      resolve({ ok: false, failure: failureFrom(xhr.status, xhr.responseText) });
    };
    xhr.onerror = () => resolve({ ok: false, failure: { status: 0, message: 'Could not reach Modelgate. Check your connection and try again.', issues: [] } });
    xhr.onabort = () => resolve({ ok: false, failure: { status: 0, message: 'Upload cancelled before the server answered. If it had already arrived, the dataset shows on this page.', rule: 'cancelled', issues: [] } });
  });
  xhr.open('POST', `/api/v1/models/${encodeURIComponent(modelId)}/versions/${version}/reference-dataset`);
  xhr.setRequestHeader('accept', 'application/json');
  xhr.send(body);
  return { done, abort: () => xhr.abort() };
}
