// SHA-256 of dataset bytes with Web Crypto, so the browser can fingerprint a file before uploading
// it and the server computes the same lineage hash.

/** Lowercase hex SHA-256 (64 digits), the form `lineageSchema` stores. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  // Browsers expose crypto.subtle only in secure contexts (https or localhost).
  if (!subtle) throw new Error('Web Crypto is not available here (browsers offer it only over https or on localhost).');
  // Copy into a plain ArrayBuffer-backed view: digest() rejects views over a SharedArrayBuffer.
  const view = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  const digest = new Uint8Array(await subtle.digest('SHA-256', view));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}
