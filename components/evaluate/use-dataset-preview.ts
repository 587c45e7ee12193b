'use client';
// The first rows of the chosen dataset, for the pre-run scan: a local file read from disk, a server
// dataset from its URL (the download stops once enough rows are in). A new choice cancels the old read.
import { useEffect, useState } from 'react';
import { readFirstRows, type DatasetPreview } from '@/lib/evaluation/preview';

export type PreviewSource = { file: File } | { url: string } | null;
export type PreviewState = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; preview: DatasetPreview } | { status: 'error'; message: string };

async function download(url: string, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const response = await fetch(url, { credentials: 'same-origin', signal });
  if (!response.ok) throw new Error(`Reading the dataset failed (HTTP ${response.status}).`);
  if (!response.body) throw new Error('The server sent no data for the dataset.');
  return response.body;
}

export function useDatasetPreview(source: PreviewSource): PreviewState {
  const key = source === null ? null : 'file' in source ? source.file : source.url;
  // Keyed by what it was read from, so a stale result never shows for a new choice.
  const [read, setRead] = useState<{ key: File | string; state: PreviewState } | null>(null);

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    const settle = (state: PreviewState) => controller.signal.aborted || setRead({ key, state });
    (typeof key === 'string' ? download(key, controller.signal) : Promise.resolve(key))
      .then((input) => readFirstRows(input))
      .then(
        (preview) => settle({ status: 'ready', preview }),
        (e: unknown) => settle({ status: 'error', message: e instanceof Error ? e.message : String(e) }),
      );
    return () => controller.abort();
  }, [key]);

  if (key === null) return { status: 'idle' };
  return read?.key === key ? read.state : { status: 'loading' };
}
