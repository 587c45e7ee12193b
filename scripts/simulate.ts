// `npm run simulate`: realistic prediction traffic for a deployment through the public API (see
// `--help` and README "Simulating traffic"). `npm start` runs a gentle one for the demo deployments.
import { randomBytes } from 'node:crypto';
import type { IngestResult } from '@/server/services/monitoring/ingest';
import type { LabelResult } from '@/server/services/monitoring/labels';
import { createRng } from './demo/rng';
import { FatalError, postWithRetry, sleep, type PostOptions } from './simulate/client';
import { LabelQueue, type PendingLabel } from './simulate/labels';
import { loadSimModel } from './simulate/model';
import { HELP, parseOptions, UsageError, type SimOptions } from './simulate/options';
import { checkDrift, drawLatency, drawRow, dueEvents, phaseAt } from './simulate/traffic';

type Stats = { sent: number; accepted: number; rejected: number; duplicates: number; conflicts: number; skipped: number; labels: number; lastError: string | null };

async function resolveTarget(options: SimOptions): Promise<{ key: string; model: string; version: number | null; name: string }> {
  if (!options.deployment) return { key: options.key ?? '', model: options.model ?? '', version: options.version, name: '' };
  // Only this route touches the database, so the plain --key route never loads server code.
  const { openDatabase } = await import('@/server/db/open');
  const { issueSimulatorKey } = await import('./simulate/keys');
  const database = await openDatabase();
  try {
    const issued = await issueSimulatorKey(database.db, options.deployment, 'simulator');
    if (!issued) throw new UsageError(`No deployment “${options.deployment.model}/${options.deployment.environment}” (or no ops or admin user to create its key).`);
    if (issued.servingVersion === null && options.version === null) throw new UsageError(`${issued.modelName}/${issued.environment}: its alias holds no version yet; release one, or pass --version.`);
    console.log(`Created ingestion key ${issued.prefix}… “simulator” for ${issued.modelName} / ${issued.environment}${issued.revoked ? ` (revoked ${issued.revoked} older)` : ''}.`);
    return { key: issued.key, model: issued.modelName, version: options.version ?? issued.servingVersion, name: ` ${issued.environment}` };
  } finally {
    await database.close();
  }
}

async function main() {
  let options: SimOptions;
  try {
    options = parseOptions(process.argv.slice(2), process.env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(err.message);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(HELP);
    return;
  }

  const controller = new AbortController();
  const stop = () => controller.abort();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Started by `npm start`: go when it goes, even if it was killed without passing the signal on.
  const parent = Number(process.env.MODELGATE_SIMULATOR_PARENT ?? NaN);
  if (Number.isInteger(parent) && parent > 0) {
    setInterval(() => {
      try {
        process.kill(parent, 0);
      } catch {
        stop();
      }
    }, 2000).unref();
  }

  const target = await resolveTarget(options);
  const model = await loadSimModel(target.model, target.version);
  const problems = checkDrift(options.drift, model.reference.inputSchema);
  if (problems.length > 0) throw new UsageError(problems.join('\n'));

  const tag = `simulate ${model.modelName} v${model.version}${target.name}`;
  const rng = createRng(options.seed);
  const idPrefix = `sim-${Date.now().toString(36)}${randomBytes(3).toString('hex')}-`;
  const labels = options.labelsAfter === null ? null : new LabelQueue(options.labelsAfter * 1000);
  const stats: Stats = { sent: 0, accepted: 0, rejected: 0, duplicates: 0, conflicts: 0, skipped: 0, labels: 0, lastError: null };
  const post: PostOptions = {
    url: options.url,
    key: target.key,
    signal: controller.signal,
    onRetry: (reason, ms) => (stats.lastError = `${reason} (retrying in ${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s)`),
  };
  const drift = options.drift.map((d) => (d.kind === 'mix' ? `${d.feature}=${d.value}:${d.share}` : d.kind === 'shift' ? `${d.feature}${d.amount >= 0 ? '+' : ''}${d.amount}` : `${d.feature}×${d.factor}`)).join(', ');
  console.log(
    `${tag}: sending ${options.rate}/s to ${options.url} in batches of up to ${options.batch}` +
      (drift ? `; drift ${drift} after ${options.driftAfter} s` : '') +
      (options.latencySpikeAfter !== null ? `; latency ×${options.latencySpikeFactor} after ${options.latencySpikeAfter} s` : '') +
      (labels ? `; labels ${options.labelsAfter} s later` : '') +
      ` (seed ${options.seed}).`,
  );

  const started = Date.now();
  let seq = 0;
  let generated = 0;

  async function sendEvents(n: number, elapsedS: number) {
    const phase = phaseAt(elapsedS, options);
    const draws = Array.from({ length: n }, () => drawRow(model.reference, rng, phase.drifting ? options.drift : []));
    const predictions = model.predict(draws.map((d) => d.features));
    const events: Record<string, unknown>[] = [];
    const truth: { event_id: string; label: string | number | null }[] = [];
    const timestamp = new Date().toISOString();
    draws.forEach((d, i) => {
      const p = predictions[i];
      if (!p) return;
      const event_id = `${idPrefix}${seq++}`;
      events.push({ event_id, timestamp, features: d.features, ...p, latency_ms: drawLatency(options.latencyMs, phase.spiking ? options.latencySpikeFactor : 1, rng) });
      truth.push({ event_id, label: d.label });
    });
    if (events.length === 0) return;
    stats.sent += events.length;
    const outcome = await postWithRetry<IngestResult>('/api/v1/events', { events }, post);
    if (!outcome.ok) {
      if (outcome.error !== 'stopped') stats.lastError = `events: ${outcome.error}`;
      return;
    }
    const r = outcome.body;
    stats.accepted += r.accepted;
    stats.duplicates += r.duplicates;
    stats.rejected += r.rejected.length;
    stats.conflicts += r.conflicts.length;
    const first = r.rejected[0] ?? r.conflicts[0];
    if (first) stats.lastError = `event ${String(first.event_id)}: ${'reasons' in first ? first.reasons.join(' ') : first.reason}`;
    else if (outcome.retries > 0) stats.lastError = null;
    if (labels) {
      const refused = new Set([...r.rejected.map((x) => x.index), ...r.conflicts.map((x) => x.index)]);
      labels.schedule(truth.filter((_, i) => !refused.has(i)), Date.now());
    }
  }

  async function sendLabels(batch: PendingLabel[]) {
    const outcome = await postWithRetry<LabelResult>('/api/v1/labels', { labels: batch }, post);
    if (!outcome.ok) {
      if (outcome.error !== 'stopped') stats.lastError = `labels: ${outcome.error}`;
      return;
    }
    stats.labels += outcome.body.stored;
    const first = outcome.body.rejected[0];
    if (first) stats.lastError = `label ${String(first.event_id)}: ${first.reason}`;
  }

  let lastReport = { at: started, sent: 0 };
  const report = (final = false) => {
    const now = Date.now();
    const rate = ((stats.sent - lastReport.sent) * 1000) / Math.max(1, now - lastReport.at);
    lastReport = { at: now, sent: stats.sent };
    const phase = phaseAt((now - started) / 1000, options);
    console.log(
      `${tag}${final ? ' (stopped)' : ''}: sent ${stats.sent}, accepted ${stats.accepted}, rejected ${stats.rejected}, duplicates ${stats.duplicates}` +
        (stats.conflicts ? `, conflicts ${stats.conflicts}` : '') +
        (labels ? `, labels ${stats.labels} (${labels.size} pending)` : '') +
        (stats.skipped ? `, skipped ${stats.skipped} while the server was away` : '') +
        `, ${rate.toFixed(1)}/s` +
        (options.drift.length ? `, drift ${phase.drifting ? 'on' : 'off'}` : '') +
        (phase.spiking ? ', latency spike on' : '') +
        `, last error: ${stats.lastError ?? 'none'}`,
    );
  };

  // On a timer, so the lines keep coming while a batch waits out an outage.
  const reporter = setInterval(() => report(), options.reportEvery * 1000);
  const tickMs = Math.max(10, Math.min(1000, (options.batch / options.rate) * 1000));
  const endAt = options.duration === null ? Infinity : started + options.duration * 1000;
  while (!controller.signal.aborted) {
    const tickStart = Date.now();
    if (tickStart >= endAt) {
      // The run is over; wait only for the labels still owed.
      if (!labels || labels.size === 0) break;
    } else {
      const { due, skipped } = dueEvents(tickStart - started, options.rate, generated);
      generated += due + skipped;
      stats.skipped += skipped;
      for (let left = due; left > 0 && !controller.signal.aborted; left -= options.batch) await sendEvents(Math.min(left, options.batch), (tickStart - started) / 1000);
    }
    if (labels) {
      for (let batch = labels.take(Date.now(), options.batch); batch.length > 0 && !controller.signal.aborted; batch = labels.take(Date.now(), options.batch)) await sendLabels(batch);
    }
    await sleep(Math.max(0, tickMs - (Date.now() - tickStart)), controller.signal);
  }
  clearInterval(reporter);
  report(true);
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err instanceof FatalError ? `The server refused this key: ${err.message}` : err instanceof Error ? err.message : err);
  process.exit(err instanceof UsageError ? 2 : 1);
});
