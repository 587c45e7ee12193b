// A prediction event's numeric feature values as stored: one bytea of 8-byte IEEE 754 doubles in
// network byte order (the encoding of Postgres's own binary float8), NaN for a missing value.
// A bytea goes through COPY BINARY as one memcpy, where a float8[] costs Postgres a send call per
// element: reading a million-event drift window is about four times cheaper this way.

/** Packs values into a Uint8Array of 8 bytes per value, big-endian. */
export function packFloat64(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i] as number);
  return out;
}

/** The values of a packed column (a trailing partial value is ignored). */
export function unpackFloat64(bytes: Uint8Array): Float64Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(Math.floor(bytes.byteLength / 8));
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8);
  return out;
}

/** Hex of the packed values, as Postgres's `decode(..., 'hex')` reads it. */
export function packedHex(values: ArrayLike<number>): string {
  const out = Buffer.allocUnsafe(values.length * 8);
  for (let i = 0; i < values.length; i++) out.writeDoubleBE(values[i] as number, i * 8);
  return out.toString('hex');
}
