// Time from a comment being posted (tRPC comments.create 2xx) to it showing on another signed-in
// person's open page. Starts the app with `npm start` on its own fresh database (bench/lib/app.ts:
// real Postgres from BENCH_DATABASE_URL, default the local server; BENCH_EMBEDDED=1 for the
// embedded one), signs in two demo users in two browser contexts, opens the approver's model page
// in Chromium, then has the scientist post one comment at a time (mentioning the approver, unless
// BENCH_MENTION=0) and measures, on the same clock, from the 2xx to the moment the page shows that
// comment (the live bus -> SSE -> thread query refetch -> render path).
// Usage: npm run bench:comments   (BENCH_SAMPLES, default 60, at least 40; BENCH_PORT, default 3213)
import { randomBytes } from 'node:crypto';
import { quantile, signIn, startBenchApp, trpcMutation, trpcQuery } from './lib/app';

const SAMPLES = Math.max(40, Number(process.env.BENCH_SAMPLES ?? 60));
const PORT = Number(process.env.BENCH_PORT ?? 3213);
const MENTION = process.env.BENCH_MENTION !== '0';

/** Resolves with the page's clock once a comment showing `marker` is on the page. A string, not a function: tsx would wrap a function's inner arrows in its __name helper. */
const waitForComment = (marker: string) => `new Promise((resolve) => {
  const check = () => {
    for (const el of document.querySelectorAll('[data-testid="comment"] [data-testid="comment-body"]')) {
      if ((el.textContent || '').includes(${JSON.stringify(marker)})) { resolve(Date.now()); return true; }
    }
    return false;
  };
  if (check()) return;
  const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
})`;

const app = await startBenchApp(PORT);
try {
  const writer = await app.browser.newContext({ baseURL: app.url });
  const reader = await app.browser.newContext({ baseURL: app.url });
  await signIn(writer.request, 'scientist@modelgate.local');
  await signIn(reader.request, 'approver@modelgate.local');

  const models = await trpcQuery<{ items: { id: string; name: string }[] }>(writer.request, 'catalog.list', { q: 'Credit default risk' });
  const credit = models.items.find((m) => m.name === 'Credit default risk');
  if (!credit) throw new Error('no demo credit model');

  const page = await reader.newPage();
  await page.goto(`/models/${credit.id}`);
  await page.getByTestId('live-status').and(page.locator('[data-connected="true"]')).waitFor({ timeout: 30_000 });
  await page.getByTestId('comment-thread').waitFor();

  const run = randomBytes(3).toString('hex');
  const latencies: number[] = [];
  for (let i = 1; i <= SAMPLES; i++) {
    const marker = `bench-${run}-${i}`;
    const seen = page.evaluate<number>(waitForComment(marker));
    await page.waitForTimeout(20); // the observer is in place
    await trpcMutation<{ id: string }>(writer.request, app.url, 'comments.create', { subjectType: 'model', subjectId: credit.id, body: `${MENTION ? '@approver ' : ''}Sample ${marker}: looks fine to me.` });
    const acked = Date.now();
    latencies.push((await seen) - acked);
    // Irregular gaps, so samples fall anywhere in the page's 500 ms refresh throttle.
    await page.waitForTimeout(150 + Math.floor(Math.random() * 900));
  }
  latencies.sort((a, b) => a - b);
  console.log(`comment 2xx -> shown on another user's open page (${app.embedded ? 'embedded PGlite' : 'real Postgres, LISTEN/NOTIFY'}), ${SAMPLES} comments${MENTION ? ', each mentioning the reader' : ''}`);
  console.log(`  p50 ${quantile(latencies, 0.5)} ms   p95 ${quantile(latencies, 0.95)} ms   max ${latencies.at(-1)} ms   (target p95 <= 500 ms)`);
  await writer.close();
  await reader.close();
} finally {
  await app.stop();
}
