import { describe, expect, it } from 'vitest';
import { TooManyRequestsError } from '@/server/errors';
import { createLimiter } from './limiter';

describe('the verification limiter', () => {
  it('runs at most `concurrency` at once, queues up to `queue`, refuses the rest with 429, and serves the queue in order', async () => {
    const acquire = createLimiter(2, 3);
    let active = 0;
    let most = 0;
    const order: number[] = [];
    const gates: (() => void)[] = [];
    const task = async (id: number) => {
      const release = await acquire();
      active++;
      most = Math.max(most, active);
      order.push(id);
      await new Promise<void>((resolve) => gates.push(resolve));
      active--;
      release();
    };
    const started = [1, 2, 3, 4, 5].map(task);
    await expect(acquire()).rejects.toThrow(TooManyRequestsError);
    await expect(acquire()).rejects.toMatchObject({ retryAfterSeconds: 5 });
    while (order.length < 5) {
      await new Promise((resolve) => setImmediate(resolve));
      gates.shift()?.();
    }
    gates.forEach((open) => open());
    await Promise.all(started);
    expect(most).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    // Every place was given back: two can hold it again at once.
    const [a, b] = await Promise.all([acquire(), acquire()]);
    a();
    b();
  });
});
