// Column memory kept between window reads: a buffer is reused only after it was given back, never
// handed to two readers at once, and what is kept stays bounded.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { capacityFor, giveBackColumns, keptColumnBytes, releaseKeptColumns, takeColumn } from './window-memory';

afterEach(() => releaseKeptColumns());

describe('window column memory', () => {
  it('sizes buffers in classes of at most an eighth above the request', () => {
    for (const n of [0, 1, 4096, 4097, 100_000, 999_999, 1_000_000, 1_000_001, 3_333_333]) {
      const c = capacityFor(n);
      expect(c).toBeGreaterThanOrEqual(n);
      if (n > 4096) expect(c / n).toBeLessThanOrEqual(1.125 + 1e-9);
    }
    // A window that grew by a few events still fits the buffer of the previous read.
    expect(capacityFor(1_000_050)).toBe(capacityFor(1_000_000));
  });

  it('reuses a column given back, and hands out fresh memory while it is still held', () => {
    const a = takeColumn(100_000);
    const b = takeColumn(100_000);
    expect(a.buffer).not.toBe(b.buffer);
    giveBackColumns([a.subarray(0, 99_000)]);
    const c = takeColumn(100_010);
    expect(c.buffer).toBe(a.buffer);
    const d = takeColumn(100_000);
    expect(d.buffer).not.toBe(a.buffer);
    expect(d.buffer).not.toBe(b.buffer);
  });

  it('keeps a buffer given back twice only once', () => {
    const a = takeColumn(50_000);
    giveBackColumns([a, a.subarray(10)]);
    giveBackColumns([a]);
    expect(keptColumnBytes()).toBe(a.buffer.byteLength);
    expect(takeColumn(50_000).buffer).toBe(a.buffer);
    expect(takeColumn(50_000).buffer).not.toBe(a.buffer);
  });

  it('takes the smallest kept buffer that fits', () => {
    const big = takeColumn(1_000_000);
    const small = takeColumn(200_000);
    giveBackColumns([big, small]);
    expect(takeColumn(150_000).buffer).toBe(small.buffer);
    expect(takeColumn(150_000).buffer).toBe(big.buffer);
  });

  it('keeps at most 384 MiB', () => {
    const columns = Array.from({ length: 30 }, () => takeColumn(2_000_000)); // 30 × 16 MiB
    giveBackColumns(columns);
    expect(keptColumnBytes()).toBeLessThanOrEqual(384 * 1024 * 1024);
    expect(keptColumnBytes()).toBeGreaterThan(300 * 1024 * 1024);
    releaseKeptColumns();
    expect(keptColumnBytes()).toBe(0);
  });

  it('keeps one store for every copy of this module (each server bundle has its own copy)', async () => {
    vi.resetModules();
    const other = await import('./window-memory');
    const a = takeColumn(100_000);
    other.giveBackColumns([a]);
    expect(keptColumnBytes()).toBe(a.buffer.byteLength);
    expect(takeColumn(100_000).buffer).toBe(a.buffer);
  });
});
