// Command-line options of `npm run simulate`, parsed and checked without touching the network,
// the database or TF.js, so the tests can hold every rule.
import { parseArgs } from 'node:util';

export type DriftSpec =
  | { kind: 'shift'; feature: string; amount: number }
  | { kind: 'scale'; feature: string; factor: number }
  | { kind: 'mix'; feature: string; value: string; share: number };

export type SimOptions = {
  url: string;
  /** The deployment's ingestion key (mgi_…), from --key or MODELGATE_INGESTION_KEY. */
  key: string | null;
  /** --deployment "<model name>/<environment>": a fresh key is created through the services. */
  deployment: { model: string; environment: string } | null;
  model: string | null;
  version: number | null;
  rate: number;
  batch: number;
  /** Seconds; null = until stopped. */
  duration: number | null;
  drift: DriftSpec[];
  driftAfter: number;
  latencyMs: number;
  latencySpikeAfter: number | null;
  latencySpikeFactor: number;
  labelsAfter: number | null;
  seed: string;
  reportEvery: number;
  help: boolean;
};

export class UsageError extends Error {}

export const HELP = `Sends realistic prediction events for a deployment through the public API
(POST /api/v1/events, and /api/v1/labels with --labels-after).

Features are rows drawn from the model version's reference dataset (with a little noise on
numeric features), predictions come from running the version with TF.js on the CPU, and
latencies from a lognormal around --latency-ms.

Usage:
  npm run simulate -- --key mgi_… --model "Credit default risk" --version 2 [options]
  DATABASE_URL=postgres://… npm run simulate -- --deployment "Credit default risk/prod-eu" [options]

Where to send:
  --url <url>                   the app (default http://localhost:3000)
  --key <mgi_…>                 the deployment's ingestion key (or MODELGATE_INGESTION_KEY)
  --model <name>                the demo model the deployment serves (required with --key)
  --version <n>                 its version (default: the latest demo version; the demo
                                deployments serve credit v2 and iris v1)
  --deployment <model>/<env>    instead of --key: create a fresh key named "simulator" as the
                                demo ops user, through DATABASE_URL (or the embedded database
                                folder when the app is not running); the version is the one
                                the deployment's alias holds

Traffic:
  --rate <n>                    events per second (default 20)
  --batch <n>                   at most this many events per request, 1-1000 (default 50)
  --duration <s>                stop after this many seconds (default: run until stopped)
  --latency-ms <ms>             median latency reported per event (default 20)
  --latency-spike-after <s>     multiply latencies by --latency-spike-factor after s seconds
  --latency-spike-factor <x>    (default 10)
  --labels-after <s>            send each event's true label (from its reference row) s seconds
                                after the event
  --seed <text>                 seed for the random draws (default: random)
  --report-every <s>            seconds between status lines (default 5)

Drift (repeatable; applied to events sent after --drift-after):
  --shift <feature>=<+x|-x>     add x to a numeric feature
  --scale <feature>=<x>         multiply a numeric feature by x
  --mix <feature>=<value>:<p>   give the category <value> a share p (0-1) of the feature; the other
                                categories keep their reference proportions. A value outside the
                                schema's categories sends unknown categories.
  --drift-after <s>             start injecting after s seconds (default 0)

  -h, --help                    print this help
`;

const number = (name: string, raw: string | undefined, check: (n: number) => boolean, rule: string): number | null => {
  if (raw === undefined) return null;
  const n = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(n) || !check(n)) throw new UsageError(`--${name} must be ${rule}; got “${raw}”.`);
  return n;
};

/** `feature=+10`, `feature=1.5` or `feature=value:0.7`, one per flag use. */
export function parseDrift(kind: DriftSpec['kind'], raw: string): DriftSpec {
  const at = raw.indexOf('=');
  const feature = at > 0 ? raw.slice(0, at).trim() : '';
  const value = at > 0 ? raw.slice(at + 1).trim() : '';
  const shape = kind === 'mix' ? '<feature>=<value>:<share>' : kind === 'shift' ? '<feature>=<+x|-x>' : '<feature>=<factor>';
  if (!feature || !value) throw new UsageError(`--${kind} takes ${shape}; got “${raw}”.`);
  if (kind === 'mix') {
    const colon = value.lastIndexOf(':');
    const category = colon > 0 ? value.slice(0, colon) : '';
    const share = colon > 0 ? Number(value.slice(colon + 1)) : NaN;
    if (!category || !Number.isFinite(share) || share < 0 || share > 1) throw new UsageError(`--mix takes ${shape} with a share between 0 and 1; got “${raw}”.`);
    return { kind, feature, value: category, share };
  }
  const n = Number(value);
  if (!Number.isFinite(n) || value === '') throw new UsageError(`--${kind} takes ${shape} with a number; got “${raw}”.`);
  if (kind === 'scale') {
    if (n < 0) throw new UsageError(`--scale takes a factor ≥ 0; got “${raw}”.`);
    return { kind, feature, factor: n };
  }
  return { kind, feature, amount: n };
}

export function parseOptions(argv: string[], env: Record<string, string | undefined> = {}): SimOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      strict: true,
      options: {
        url: { type: 'string' },
        key: { type: 'string' },
        deployment: { type: 'string' },
        model: { type: 'string' },
        version: { type: 'string' },
        rate: { type: 'string' },
        batch: { type: 'string' },
        duration: { type: 'string' },
        shift: { type: 'string', multiple: true },
        scale: { type: 'string', multiple: true },
        mix: { type: 'string', multiple: true },
        'drift-after': { type: 'string' },
        'latency-ms': { type: 'string' },
        'latency-spike-after': { type: 'string' },
        'latency-spike-factor': { type: 'string' },
        'labels-after': { type: 'string' },
        seed: { type: 'string' },
        'report-every': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message} (see --help)`);
  }
  const v = parsed.values;
  const positive = (n: number) => n > 0;
  const nonNegative = (n: number) => n >= 0;
  const options: SimOptions = {
    url: (v.url ?? 'http://localhost:3000').replace(/\/+$/, ''),
    key: v.key ?? env.MODELGATE_INGESTION_KEY ?? null,
    deployment: null,
    model: v.model ?? null,
    version: number('version', v.version, (n) => Number.isInteger(n) && n > 0, 'a positive whole number'),
    rate: number('rate', v.rate, positive, 'a number of events per second > 0') ?? 20,
    batch: number('batch', v.batch, (n) => Number.isInteger(n) && n >= 1 && n <= 1000, 'a whole number from 1 to 1000') ?? 50,
    duration: number('duration', v.duration, positive, 'a number of seconds > 0'),
    drift: [...(v.shift ?? []).map((s) => parseDrift('shift', s)), ...(v.scale ?? []).map((s) => parseDrift('scale', s)), ...(v.mix ?? []).map((s) => parseDrift('mix', s))],
    driftAfter: number('drift-after', v['drift-after'], nonNegative, 'a number of seconds ≥ 0') ?? 0,
    latencyMs: number('latency-ms', v['latency-ms'], nonNegative, 'a number of milliseconds ≥ 0') ?? 20,
    latencySpikeAfter: number('latency-spike-after', v['latency-spike-after'], nonNegative, 'a number of seconds ≥ 0'),
    latencySpikeFactor: number('latency-spike-factor', v['latency-spike-factor'], positive, 'a factor > 0') ?? 10,
    labelsAfter: number('labels-after', v['labels-after'], nonNegative, 'a number of seconds ≥ 0'),
    seed: v.seed ?? Math.random().toString(36).slice(2),
    reportEvery: number('report-every', v['report-every'], positive, 'a number of seconds > 0') ?? 5,
    help: v.help ?? false,
  };
  if (options.help) return options;
  try {
    new URL(options.url);
  } catch {
    throw new UsageError(`--url must be an absolute URL such as http://localhost:3000; got “${options.url}”.`);
  }
  if (v.deployment !== undefined) {
    const slash = v.deployment.lastIndexOf('/');
    const model = slash > 0 ? v.deployment.slice(0, slash).trim() : '';
    const environment = slash > 0 ? v.deployment.slice(slash + 1).trim() : '';
    if (!model || !environment) throw new UsageError(`--deployment takes "<model name>/<environment>", e.g. "Credit default risk/prod-eu"; got “${v.deployment}”.`);
    if (v.key !== undefined) throw new UsageError('Pass either --key or --deployment, not both.');
    options.deployment = { model, environment };
    options.key = null;
  } else {
    if (!options.key) throw new UsageError('Pass the deployment’s ingestion key with --key mgi_… (or MODELGATE_INGESTION_KEY), or --deployment "<model>/<environment>" with DATABASE_URL. See --help.');
    if (!options.key.startsWith('mgi_')) throw new UsageError('An ingestion key starts with “mgi_”: ops and admins create one per deployment. Or pass --deployment "<model>/<environment>" with DATABASE_URL.');
    if (!options.model) throw new UsageError('With --key, name the model the deployment serves: --model "Credit default risk" (and --version).');
  }
  if (v['drift-after'] !== undefined && options.drift.length === 0) throw new UsageError('--drift-after needs something to inject: --shift, --scale or --mix.');
  if (v['latency-spike-factor'] !== undefined && options.latencySpikeAfter === null) throw new UsageError('--latency-spike-factor needs --latency-spike-after.');
  return options;
}
