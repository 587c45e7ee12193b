'use client';
// The chosen model files and the browser's check of them, re-run whenever the set changes.
import { useEffect, useState } from 'react';
import { checkArtifactFiles, type ArtifactCheck } from './check-artifacts';
import type { Collected } from './collect-files';

export function useArtifactFiles() {
  const [files, setFiles] = useState<File[]>([]);
  const [skipped, setSkipped] = useState<string[]>([]);
  const [check, setCheck] = useState<ArtifactCheck | null>(null);
  /** Stored inert, never run: any format other than TF.js and ONNX. */
  const [other, setOther] = useState(false);

  useEffect(() => {
    let current = true;
    setCheck(null);
    void checkArtifactFiles(files, other).then((result) => {
      if (current) setCheck(result);
    });
    return () => {
      current = false;
    };
  }, [files, other]);

  /** Adds files; one with the same name as a chosen file replaces it (picking again after a re-export). */
  function add({ files: added, skipped: left }: Collected) {
    setFiles((prev) => {
      const names = new Set(added.map((f) => f.name));
      return [...prev.filter((f) => !names.has(f.name)), ...added];
    });
    setSkipped(left);
  }

  const remove = (name: string) => setFiles((prev) => prev.filter((f) => f.name !== name));
  const checked = check !== null && check.ordered.length === files.length && files.every((f) => check.ordered.includes(f));
  return {
    /** tfjs, onnx or other, once checked. */
    kind: checked ? check.kind : null,
    other,
    setOther,
    /** model.json first, then shards in manifest order (the upload order), once checked. */
    files: checked ? check.ordered : files,
    shardPaths: checked ? check.shardPaths : [],
    issues: checked ? check.issues : [],
    ready: checked && files.length > 0 && check.issues.length === 0,
    checking: !checked,
    skipped,
    add,
    remove,
  };
}
