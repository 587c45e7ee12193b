// Charts with 10,000 points on screen: a deployment with one event a minute for a week, its page
// opened at full detail (1-minute buckets: 10,080 points per series, seven series), then live
// updates while it is open. Prints the first render time, the points drawn, and per update the
// time from the 2xx to the new count on screen and the longest main-thread task it caused.
// Usage: npm run bench:charts   (BENCH_UPDATES, default 15; BENCH_PORT, default 3211)
import { creditDeployment, quantile, signIn, startBenchApp } from './lib/app';
import { creditFeatures, postEvents, waitForCount } from './lib/events';

const UPDATES = Number(process.env.BENCH_UPDATES ?? 15);
const WEEK_MINUTES = 7 * 24 * 60;
const app = await startBenchApp(Number(process.env.BENCH_PORT ?? 3211));

try {
  const context = await app.browser.newContext({ baseURL: app.url, viewport: { width: 1600, height: 1000 } });
  await signIn(context.request, 'ops@modelgate.local');
  const { deploymentId, key } = await creditDeployment(context.request, app.url);
  const features = creditFeatures();
  const now = Date.now();
  for (let start = 0; start < WEEK_MINUTES; start += 1000) {
    const events = Array.from({ length: Math.min(1000, WEEK_MINUTES - start) }, (_, k) => {
      const minute = start + k + 1;
      return { event_id: `week-${minute}`, timestamp: new Date(now - minute * 60_000).toISOString(), features, prediction: minute % 3 ? 'no' : 'yes', probabilities: [0.7, 0.3], latency_ms: 10 + (minute % 40), model_version: 2 };
    });
    await postEvents(app.url, key, events);
  }

  const page = await context.newPage();
  await page.addInitScript(`window.__longTasks = []; new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });`);
  const t0 = Date.now();
  await page.goto(`/monitoring/${deploymentId}?range=7d&detail=full`);
  // Polled with evaluate: waitForFunction compiles its predicate in the page, which the CSP forbids.
  for (let tries = 0; ; tries++) {
    // Path commands in the traffic chart (a step area: two per point).
    const drawn = await page.evaluate<number>(`((document.querySelector('[data-testid="traffic-chart"] .recharts-area-curve')?.getAttribute('d') || '').match(/[LHV]/g) || []).length`);
    if (drawn > 5000) break;
    if (tries > 2400) throw new Error(`the traffic chart drew ${drawn} points`);
    await page.waitForTimeout(50);
  }
  const firstRender = Date.now() - t0;
  // Vertices drawn: line segments count one per point, step areas two (H and V) per point.
  const points = await page.evaluate<number>(`[...document.querySelectorAll('[data-testid$="-chart"] path.recharts-line-curve, [data-testid$="-chart"] path.recharts-area-curve')].reduce((n, p) => { const d = p.getAttribute('d') || ''; const steps = (d.match(/[HV]/g) || []).length; return n + (steps ? steps / 2 : (d.match(/[LM]/g) || []).length); }, 0)`);
  await page.getByTestId('live-status').and(page.locator('[data-connected="true"]')).waitFor({ timeout: 30_000 });
  const baseCount = Number(((await page.getByTestId('stat-events').textContent()) ?? '').replace(/\D/g, ''));

  const latencies: number[] = [];
  const longest: number[] = [];
  for (let i = 1; i <= UPDATES; i++) {
    await page.evaluate(`window.__longTasks = []`);
    const seen = page.evaluate<number>(waitForCount(baseCount + i));
    await page.waitForTimeout(20);
    await postEvents(app.url, key, [{ event_id: `live-${i}`, timestamp: new Date().toISOString(), features, prediction: 'no', probabilities: [0.8, 0.2], latency_ms: 20, model_version: 2 }]);
    const acked = Date.now();
    latencies.push((await seen) - acked);
    await page.waitForTimeout(600);
    longest.push(await page.evaluate<number>(`Math.max(0, ...window.__longTasks.map((t) => t.duration))`));
    await page.waitForTimeout(400 + Math.floor(Math.random() * 600));
  }
  latencies.sort((a, b) => a - b);
  longest.sort((a, b) => a - b);
  console.log(`deployment page, 7 days at full detail (${app.embedded ? 'embedded PGlite' : 'real Postgres'}): ${points.toLocaleString('en')} points drawn in the time-series charts`);
  console.log(`  first render ${firstRender} ms`);
  console.log(`  live update, 2xx -> new count on screen: p50 ${quantile(latencies, 0.5)} ms, p95 ${quantile(latencies, 0.95)} ms over ${UPDATES} updates`);
  console.log(`  longest main-thread task per update: p50 ${quantile(longest, 0.5).toFixed(0)} ms, max ${longest.at(-1)?.toFixed(0)} ms`);
  await context.close();
} finally {
  await app.stop();
}
