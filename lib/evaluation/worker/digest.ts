// Incremental SHA-256 (hash-wasm), so a dataset is fingerprinted from the very chunks the CSV
// parser reads, in one pass and in constant memory; crypto.subtle.digest needs the whole input
// in one buffer. Runs under the CSP's 'wasm-unsafe-eval', like TF.js's WASM backend.
import { createSHA256 } from 'hash-wasm';

export type StreamingDigest = {
  update(chunk: Uint8Array): void;
  /** Lowercase hex of everything passed to update; call once, at the end. */
  hex(): string;
};

export async function createStreamingSha256(): Promise<StreamingDigest> {
  const hasher = await createSHA256();
  hasher.init();
  return {
    update: (chunk) => void hasher.update(chunk),
    hex: () => hasher.digest('hex'),
  };
}
