'use client';
// The "Compare with" choice: another version of the same model, by default the one holding the
// `production` alias, and what the worker needs to run it (files, schemas, the same column mapping).
import { isRunnableInBrowser } from '@/lib/validation/artifact-info';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import type { CompareTarget } from '@/lib/evaluation/worker/protocol';

type VersionOption = { version: number; aliases: string[] };

export function useCompareTarget(modelId: string, version: number | null, versions: VersionOption[], mapping: Record<string, string>) {
  const trpc = useTRPC();
  // A choice holds only for the version it was made for; choosing another version restores the default.
  const [picked, setPicked] = useState<{ key: string; version: number | null } | null>(null);
  const key = `${modelId}@${version}`;
  const options = versions.filter((v) => v.version !== version);
  const fallback = options.find((v) => v.aliases.includes('production'))?.version ?? null;
  const compareWith = picked?.key === key ? picked.version : fallback;

  const query = useQuery({ ...trpc.catalog.version.queryOptions({ modelId, version: compareWith ?? 1 }), enabled: modelId !== '' && compareWith !== null });
  const c = compareWith !== null ? query.data : undefined;

  let target: CompareTarget | null = null;
  let hint: string | null = null;
  if (c) {
    const { inputSchema, outputSchema, preprocessing, rawFeatureInputs: rawInputs } = c;
    if (!inputSchema || !outputSchema || (!preprocessing && !rawInputs)) hint = `v${c.version} has no schemas or preprocessing recorded, so it will not be compared.`;
    else if (!isRunnableInBrowser(c.format)) hint = `v${c.version} is stored in a format that is not runnable in the browser, so it will not be compared.`;
    else if (c.format !== 'onnx' && !c.files.some((f) => f.name === 'model.json')) hint = `v${c.version} has no model.json, so it will not be compared.`;
    else {
      const base = `/api/v1/models/${encodeURIComponent(c.model.id)}/versions/${c.version}`;
      const files = c.files.map((f) => ({ name: f.name, sha256: f.sha256, url: `${base}/files/${encodeURIComponent(f.name)}` }));
      const operators = c.artifactInfo?.kind === 'onnx' ? c.artifactInfo.operators : [];
      target = { version: c.version, inputSchema, outputSchema, preprocessing, rawInputs, files, mapping, format: c.format, operators };
    }
  } else if (query.error && compareWith !== null) hint = `v${compareWith} cannot be loaded: ${query.error.message}`;

  return {
    options,
    compareWith,
    setCompareWith: (next: number | null) => setPicked({ key, version: next }),
    target,
    hint,
    loading: compareWith !== null && query.isPending,
  };
}
