// Every environment variable Modelgate reads, parsed once. Nothing else touches process.env.
import { z } from 'zod';

const bool = z
  .enum(['0', '1', 'true', 'false'])
  .optional()
  .transform((v) => v === '1' || v === 'true');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().url().optional(),
  /** The port this instance serves on; only names the instance in job claims. */
  PORT: z.string().optional(),
  /** Set by scripts/start.ts when it serves PGlite: one app instance, so the live bus stays in process. */
  MODELGATE_EMBEDDED: bool,
  DATABASE_POOL_MAX: z.coerce.number().int().positive().default(10),
  /** Server-side limits on the app's connections: a statement, and a transaction left idle. */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  /** Where the embedded database lives (no DATABASE_URL), and the port `npm start` serves it on (default: any free one). */
  MODELGATE_DATA_DIR: z.string().default('.data'),
  EMBEDDED_DB_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** `npm start` applies migrations first; 0 when DATABASE_URL is the least-privilege app role (scripts/db-roles.sql). */
  MODELGATE_MIGRATE: z
    .enum(['0', '1', 'true', 'false'])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default('Single sign-on'),
  /**
   * Sign-in throttling (README "People, roles and sessions"): failures allowed per account from one
   * address, per address, and per account from addresses it has never signed in from, before each
   * further failure doubles the wait (up to LOGIN_MAX_DELAY_MINUTES).
   */
  LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(30),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(20),
  LOGIN_MAX_DELAY_MINUTES: z.coerce.number().int().positive().default(15),
  /** An address an account signed in from stays known (spared the per-account limit) this long. */
  LOGIN_KNOWN_ADDRESS_DAYS: z.coerce.number().int().positive().default(90),
  /** Reverse proxies in front of the app that append to X-Forwarded-For (0 = clients connect directly). */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** A throttling counter starts again after this long without failures (and past its wait). */
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  /** Largest model upload (all files together) and largest reference dataset, in MiB. */
  MAX_ARTIFACT_MB: z.coerce.number().int().positive().default(256),
  MAX_DATASET_MB: z.coerce.number().int().positive().default(100),
  SESSION_MAX_AGE_HOURS: z.coerce.number().int().positive().default(12),
  /** Single sign-on users sign release decisions with a sign-in no older than this. */
  SIGNATURE_SSO_MAX_AGE_MINUTES: z.coerce.number().int().positive().default(10),
  /** Prediction ingestion: events per batch, body size, per-key rate, concurrent batches per instance, retention. */
  INGEST_MAX_BATCH: z.coerce.number().int().positive().default(1000),
  INGEST_MAX_BODY_MB: z.coerce.number().positive().default(8),
  INGEST_RATE_PER_KEY: z.coerce.number().int().positive().default(100_000),
  INGEST_MAX_CONCURRENT: z.coerce.number().int().positive().default(8),
  INGEST_MAX_FUTURE_MINUTES: z.coerce.number().int().min(0).default(5),
  /**
   * Server-side verification of saved evaluations: rows the server predicts itself (at least 256),
   * verifications run at once and queued, and each one's time and memory (worker heap) limits.
   */
  EVALUATION_VERIFY_SAMPLE_ROWS: z.coerce.number().int().min(256).default(256),
  EVALUATION_VERIFY_CONCURRENCY: z.coerce.number().int().positive().default(2),
  /** Threads that compute a drift report's per-feature statistics together (the request's own
   * included; 1 = on the request's thread only). Default: the machine's cores, at most 4. */
  DRIFT_STATISTICS_THREADS: z.coerce.number().int().min(1).max(16).optional(),
  EVALUATION_VERIFY_QUEUE: z.coerce.number().int().min(0).default(8),
  EVALUATION_VERIFY_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(120),
  EVALUATION_VERIFY_MEMORY_MB: z.coerce.number().int().min(64).default(1024),
  EVENT_RETENTION_DAYS: z.coerce.number().int().positive().default(90),
});

export type Env = z.infer<typeof schema>;

function parse(): Env {
  // An empty variable means "not set" (e.g. `DATABASE_URL= npm start`).
  const given = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ''));
  const result = schema.safeParse(given);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${problems}`);
  }
  return result.data;
}

export const env = parse();
