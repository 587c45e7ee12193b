import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { within } from './within';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('within', () => {
  it('passes on a result that comes in time and leaves no timer behind', async () => {
    await expect(within(Promise.resolve(7), 1000, () => new Error('late'))).resolves.toBe(7);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('passes on a failure that comes in time', async () => {
    await expect(within(Promise.reject(new Error('bad batch')), 1000, () => new Error('late'))).rejects.toThrow('bad batch');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ends a promise that never settles with the given error once the time is up, not before', async () => {
    let settled: unknown = null;
    const run = within(new Promise<never>(() => undefined), 1000, () => new Error('no result within 1 s')).catch((e: unknown) => (settled = e));
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    await run;
    expect(settled).toBeInstanceOf(Error);
    expect((settled as Error).message).toBe('no result within 1 s');
  });
});
