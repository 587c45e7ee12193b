// Time from an ingestion 2xx to the chart updating in an open browser. Starts the app with
// `npm start` on its own fresh database (bench/lib/app.ts), opens an ops user's deployment page in
// Chromium, then posts one event at a time and measures, on the same clock, from the 2xx to the
// moment the page shows the new event count (live bus -> SSE -> query refetch -> render).
// Usage: npm run bench:live   (BENCH_SAMPLES, default 60; BENCH_PORT, default 3210; BENCH_EMBEDDED=1)
import { creditDeployment, quantile, signIn, startBenchApp } from './lib/app';
import { creditFeatures, postEvents, waitForCount } from './lib/events';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 60);
const app = await startBenchApp(Number(process.env.BENCH_PORT ?? 3210));

try {
  const context = await app.browser.newContext({ baseURL: app.url });
  await signIn(context.request, 'ops@modelgate.local');
  const { deploymentId, key } = await creditDeployment(context.request, app.url);
  const features = creditFeatures();

  const page = await context.newPage();
  await page.goto(`/monitoring/${deploymentId}?range=1h`);
  await page.getByTestId('live-status').and(page.locator('[data-connected="true"]')).waitFor({ timeout: 30_000 });
  await page.getByTestId('stat-events').waitFor();

  const latencies: number[] = [];
  for (let i = 1; i <= SAMPLES; i++) {
    const seen = page.evaluate<number>(waitForCount(i));
    await page.waitForTimeout(20); // the observer is in place
    await postEvents(app.url, key, [{ event_id: `live-${i}`, timestamp: new Date().toISOString(), features, prediction: 'no', probabilities: [0.8, 0.2], latency_ms: 20 }]);
    const acked = Date.now();
    latencies.push((await seen) - acked);
    // Irregular gaps, so samples fall anywhere in the page's 500 ms refresh throttle.
    await page.waitForTimeout(150 + Math.floor(Math.random() * 900));
  }
  latencies.sort((a, b) => a - b);
  console.log(`event 2xx -> chart updated in the browser (${app.embedded ? 'embedded PGlite' : 'real Postgres, LISTEN/NOTIFY'}), ${SAMPLES} events`);
  console.log(`  p50 ${quantile(latencies, 0.5)} ms   p95 ${quantile(latencies, 0.95)} ms   max ${latencies.at(-1)} ms   (target p95 <= 1000 ms)`);
  await context.close();
} finally {
  await app.stop();
}
