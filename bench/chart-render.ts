// Charts with 10,000 points on screen: a deployment with one event a minute for a week (all but the
// oldest half hour), its page opened at full detail (1-minute buckets: 10,080 points per series, six
// series over three canvas charts), then live updates while it is open. Prints the first render
// time, the points drawn (each chart's data-points, counted by the chart as it draws), and per
// update the time from the 2xx to the new data drawn on screen, the longest main-thread task it
// caused (Long Tasks API: only tasks over 50 ms are reported, so 0 means none) and the longest frame
// (the longest gap between animation frames).
// Usage: npm run bench:charts   (BENCH_UPDATES, default 15; BENCH_PORT, default 3211; BENCH_EMBEDDED=1 for PGlite)
import { creditDeployment, quantile, signIn, startBenchApp } from './lib/app';
import { creditFeatures, postEvents } from './lib/events';

const UPDATES = Number(process.env.BENCH_UPDATES ?? 15);
const WEEK_MINUTES = 7 * 24 * 60;
/** The oldest half hour of the window stays empty: as the window slides with the clock, no seeded
 * event leaves it during the run, so the count on screen only grows by the live events. */
const SEEDED_MINUTES = WEEK_MINUTES - 30;
const CHARTS = ['traffic-chart', 'latency-chart', 'predictions-chart'];
const app = await startBenchApp(Number(process.env.BENCH_PORT ?? 3211));

// Page-side helpers, as strings: tsx would wrap functions' inner arrows in its __name helper.
const INIT = `window.__longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
window.__maxFrame = 0;
let last = performance.now();
const frame = (now) => { window.__maxFrame = Math.max(window.__maxFrame, now - last); last = now; requestAnimationFrame(frame); };
requestAnimationFrame(frame);`;
const charts = `[${CHARTS.map((c) => `document.querySelector('[data-testid="${c}"]')`).join(', ')}]`;
const draws = `${charts}.map((c) => Number(c?.dataset.draws ?? 0))`;
/** Resolves with the page's clock at the first frame after the event count reaches `expected` and every chart has drawn again since `before`. */
const waitForDrawn = (expected: number, before: number[]) => `new Promise((resolve, reject) => {
  const before = ${JSON.stringify(before)};
  const started = Date.now();
  const check = () => {
    const el = document.querySelector('[data-testid="stat-events"]');
    const counted = el && Number((el.textContent || '').replace(/\\D/g, '')) >= ${expected};
    const drawn = ${draws};
    if (counted && drawn.every((n, i) => n > before[i])) requestAnimationFrame(() => resolve(Date.now()));
    else if (Date.now() - started > 30000) reject(new Error('not drawn: count ' + (el && el.textContent) + ', draws ' + drawn + ' (before ' + before + ')'));
    else setTimeout(check, 4);
  };
  check();
})`;

try {
  const context = await app.browser.newContext({ baseURL: app.url, viewport: { width: 1600, height: 1000 } });
  await signIn(context.request, 'ops@modelgate.local');
  const { deploymentId, key } = await creditDeployment(context.request, app.url);
  const features = creditFeatures();
  const now = Date.now();
  for (let start = 0; start < SEEDED_MINUTES; start += 1000) {
    const events = Array.from({ length: Math.min(1000, SEEDED_MINUTES - start) }, (_, k) => {
      const minute = start + k + 1;
      return { event_id: `week-${minute}`, timestamp: new Date(now - minute * 60_000).toISOString(), features, prediction: minute % 3 ? 'no' : 'yes', probabilities: [0.7, 0.3], latency_ms: 10 + (minute % 40), model_version: 2 };
    });
    await postEvents(app.url, key, events);
  }

  // For comparison: the same page at standard detail (about 300 points a series), in a page of its own.
  const standard = await context.newPage();
  const s0 = Date.now();
  await standard.goto(`/monitoring/${deploymentId}?range=7d`);
  for (let tries = 0; ; tries++) {
    const drawn = await standard.evaluate<number[]>(`${charts}.map((c) => Number(c?.dataset.draws ?? 0))`);
    if (drawn.every((n) => n > 0)) break;
    if (tries > 2400) throw new Error('the standard-detail charts did not draw');
    await standard.waitForTimeout(20);
  }
  const standardRender = Date.now() - s0;
  await standard.close();

  const page = await context.newPage();
  const blocked: string[] = [];
  page.on('console', (m) => (m.type() === 'error' || /Content Security Policy/i.test(m.text())) && blocked.push(m.text()));
  await page.addInitScript(INIT);
  const t0 = Date.now();
  await page.goto(`/monitoring/${deploymentId}?range=7d&detail=full`);
  // Polled with evaluate: waitForFunction compiles its predicate in the page, which the CSP forbids.
  let drawn: number[] = [];
  for (let tries = 0; ; tries++) {
    drawn = await page.evaluate<number[]>(`${charts}.map((c) => Number(c?.dataset.points ?? 0))`);
    if (drawn.every((n) => n > 5000)) break;
    if (tries > 2400) throw new Error(`the charts drew ${drawn.join(', ')} points`);
    await page.waitForTimeout(20);
  }
  const firstRender = Date.now() - t0;
  const firstLongest = await page.evaluate<number>(`Math.max(0, ...window.__longTasks)`);
  const firstBusy = await page.evaluate<number>(`window.__longTasks.reduce((a, b) => a + b, 0)`);
  // Where the time went: the document's first byte, its last (the statistics stream in with it), DOMContentLoaded.
  const nav = await page.evaluate<{ firstByte: number; lastByte: number; dcl: number }>(`(() => { const n = performance.getEntriesByType('navigation')[0]; return { firstByte: n.responseStart, lastByte: n.responseEnd, dcl: n.domContentLoadedEventEnd }; })()`);
  const points = drawn.reduce((a, b) => a + b, 0);
  await page.getByTestId('live-status').and(page.locator('[data-connected="true"]')).waitFor({ timeout: 30_000 });
  const baseCount = Number(((await page.getByTestId('stat-events').textContent()) ?? '').replace(/\D/g, ''));
  // The canvases, kept to check after the updates that they were redrawn in place, not re-created.
  await page.evaluate(`window.__canvases = ${charts}.map((c) => c?.querySelector('canvas'))`);

  const latencies: number[] = [];
  const longest: number[] = [];
  const frames: number[] = [];
  for (let i = 1; i <= UPDATES; i++) {
    await page.waitForTimeout(400 + Math.floor(Math.random() * 600));
    const before = await page.evaluate<number[]>(draws);
    await page.evaluate(`window.__longTasks = []; window.__maxFrame = 0`);
    const seen = page.evaluate<number>(waitForDrawn(baseCount + i, before));
    await postEvents(app.url, key, [{ event_id: `live-${i}`, timestamp: new Date().toISOString(), features, prediction: 'no', probabilities: [0.8, 0.2], latency_ms: 20, model_version: 2 }]);
    const acked = Date.now();
    latencies.push((await seen) - acked);
    await page.waitForTimeout(300);
    longest.push(await page.evaluate<number>(`Math.max(0, ...window.__longTasks)`));
    frames.push(await page.evaluate<number>(`window.__maxFrame`));
  }
  const recreated = await page.evaluate<number>(`${charts}.filter((c, i) => c?.querySelector('canvas') !== window.__canvases[i]).length`);
  const after = await page.evaluate<number[]>(`${charts}.map((c) => Number(c?.dataset.points ?? 0))`);
  for (const list of [latencies, longest, frames]) list.sort((a, b) => a - b);
  const ms = (list: number[], p: number) => `${quantile(list, p).toFixed(0)} ms`;
  console.log(`deployment page, 7 days at full detail (${app.embedded ? 'embedded PGlite' : 'real Postgres'}), uPlot canvas charts:`);
  console.log(`  points on screen: ${points.toLocaleString('en')} at first render (${CHARTS.map((c, i) => `${c.replace('-chart', '')} ${(drawn[i] ?? 0).toLocaleString('en')}`).join(', ')}), ${after.reduce((a, b) => a + b, 0).toLocaleString('en')} after the updates`);
  console.log(`  first render (navigation to every chart drawn): ${firstRender} ms (document first byte ${nav.firstByte.toFixed(0)} ms, last byte ${nav.lastByte.toFixed(0)} ms, DOMContentLoaded ${nav.dcl.toFixed(0)} ms); main-thread tasks over 50 ms until then: ${firstBusy.toFixed(0)} ms in all, the longest ${firstLongest.toFixed(0)} ms; at standard detail ${standardRender} ms`);
  console.log(`  live update, 2xx -> new data drawn on screen: p50 ${ms(latencies, 0.5)}, p95 ${ms(latencies, 0.95)} over ${UPDATES} updates`);
  console.log(`  longest main-thread task per update (over 50 ms, else 0): p50 ${ms(longest, 0.5)}, p95 ${ms(longest, 0.95)}`);
  console.log(`  longest frame per update: p50 ${ms(frames, 0.5)}, p95 ${ms(frames, 0.95)}`);
  console.log(`  charts re-created by the updates: ${recreated} of ${CHARTS.length}; console errors: ${blocked.length}${blocked.length ? ` (${blocked.slice(0, 3).join(' | ')})` : ''}`);
  await context.close();
} finally {
  await app.stop();
}
