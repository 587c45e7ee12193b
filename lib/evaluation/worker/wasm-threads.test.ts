import { describe, expect, it } from 'vitest';
import { fewerThreadsNote, wasmThreads } from './wasm-threads';

const isolated = { crossOriginIsolated: true, SharedArrayBuffer: class {}, navigator: { hardwareConcurrency: 8 } };

describe('wasmThreads', () => {
  it('gives an isolated page with shared memory up to four threads, one per reported core', () => {
    expect(wasmThreads(isolated)).toEqual({ threads: 4, note: null });
    expect(wasmThreads({ ...isolated, navigator: { hardwareConcurrency: 2 } })).toEqual({ threads: 2, note: null });
    expect(wasmThreads({ ...isolated, navigator: { hardwareConcurrency: 3 } })).toEqual({ threads: 3, note: null });
  });

  it('runs on one thread and says why when the page is not cross-origin isolated', () => {
    const r = wasmThreads({ ...isolated, crossOriginIsolated: false });
    expect(r.threads).toBe(1);
    expect(r.note).toMatch(/not cross-origin isolated/);
  });

  it('runs on one thread without SharedArrayBuffer or with a single core, and says which', () => {
    expect(wasmThreads({ ...isolated, SharedArrayBuffer: undefined }).note).toMatch(/no SharedArrayBuffer/);
    const single = wasmThreads({ ...isolated, navigator: { hardwareConcurrency: 1 } });
    expect(single).toEqual({ threads: 1, note: expect.stringMatching(/single CPU core/) });
    expect(wasmThreads({ crossOriginIsolated: true, SharedArrayBuffer: class {} }).threads).toBe(1);
  });

  it('notes a fallback to fewer threads than asked', () => {
    expect(fewerThreadsNote(2, 2)).toBeNull();
    expect(fewerThreadsNote(2, 1)).toMatch(/fell back to one/);
  });
});
