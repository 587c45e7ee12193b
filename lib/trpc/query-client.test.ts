// While the server's database is away (tRPC SERVICE_UNAVAILABLE), a query keeps retrying instead of
// failing into an error page; other errors fail after the usual few retries.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeQueryClient } from './query-client';

const unavailable = Object.assign(new Error('The database is unavailable for a moment'), { data: { code: 'SERVICE_UNAVAILABLE' } });
const badRequest = Object.assign(new Error('Bad input'), { data: { code: 'BAD_REQUEST', httpStatus: 400 } });
const internal = Object.assign(new Error('Something went wrong'), { data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 } });

afterEach(() => vi.useRealTimers());

describe('query retries', () => {
  it('waits out SERVICE_UNAVAILABLE (ten failures here) and then shows the data', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const client = makeQueryClient(false); // the browser's policy
    const result = client.fetchQuery({ queryKey: ['x'], queryFn: async () => (++calls <= 10 ? Promise.reject(unavailable) : 'back') });
    await vi.advanceTimersByTimeAsync(10 * 2000 + 100);
    await expect(result).resolves.toBe('back');
    expect(calls).toBe(11);
  });

  it('gives up on other errors after three retries', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const client = makeQueryClient(false); // the browser's policy
    const result = client.fetchQuery({ queryKey: ['y'], queryFn: async () => (++calls, Promise.reject(internal)) });
    const settled = result.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await settled).toBe(internal);
    expect(calls).toBe(4);
  });

  it('shows a refusal (any 4xx, such as a missing model) at once, without retrying', async () => {
    let calls = 0;
    const client = makeQueryClient(false);
    await expect(client.fetchQuery({ queryKey: ['z'], queryFn: async () => (++calls, Promise.reject(badRequest)) })).rejects.toBe(badRequest);
    expect(calls).toBe(1);
  });

  it('never retries on the server, where a page renders what it has', async () => {
    let calls = 0;
    const client = makeQueryClient(true);
    await expect(client.fetchQuery({ queryKey: ['w'], queryFn: async () => (++calls, Promise.reject(unavailable)) })).rejects.toBe(unavailable);
    expect(calls).toBe(1);
  });
});
