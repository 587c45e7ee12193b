// Stores a reference dataset (CSV): bytes in the artifact store, profile and columns in `datasets`.
import 'server-only';
import { parseCsv } from '@/lib/datasets/csv';
import { profileDataset } from '@/lib/datasets/profile';
import type { Tx } from '@/server/db/connect';
import { datasets } from '@/server/db/schema';
import { env } from '@/server/env';
import { PayloadTooLargeError, ValidationError } from '@/server/errors';
import { postgresArtifactStore } from '@/server/artifacts/store';

export type DatasetUpload = { name: string; bytes: Uint8Array };

/** Parses and profiles before anything is written; a bad CSV gets a message that says why. */
export function readDataset(upload: DatasetUpload) {
  if (upload.bytes.byteLength > env.MAX_DATASET_MB * 1024 * 1024) {
    throw new PayloadTooLargeError(`The dataset is larger than the ${env.MAX_DATASET_MB} MiB limit.`, { rule: 'dataset_too_large' });
  }
  if (!/\.csv$/i.test(upload.name)) throw new ValidationError('Reference datasets are CSV files (name ending in .csv).', { rule: 'dataset_not_csv' });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(upload.bytes);
  } catch {
    throw new ValidationError('The dataset is not valid UTF-8 text.', { rule: 'dataset_not_utf8' });
  }
  let parsed: ReturnType<typeof parseCsv>;
  try {
    parsed = parseCsv(text);
  } catch (err) {
    throw new ValidationError(`The dataset could not be read as CSV: ${(err as Error).message}`, { rule: 'dataset_not_csv' });
  }
  if (parsed.rows.length === 0) throw new ValidationError('The dataset has a header but no rows.', { rule: 'dataset_empty' });
  return { parsed, profile: profileDataset(parsed) };
}

export async function storeDataset(tx: Tx, upload: DatasetUpload, read: ReturnType<typeof readDataset>, createdBy: string) {
  const stored = await postgresArtifactStore(tx).put(upload.bytes);
  const [row] = await tx
    .insert(datasets)
    .values({
      name: upload.name,
      sha256: stored.sha256,
      size: stored.size,
      rowCount: read.profile.rowCount,
      columns: read.parsed.header,
      profile: read.profile,
      createdBy,
    })
    .returning();
  if (!row) throw new Error('dataset insert returned nothing');
  return row;
}
