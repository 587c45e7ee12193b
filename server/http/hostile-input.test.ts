// Hostile input against every tRPC procedure (walked from the router) and every REST route (walked
// from the OpenAPI document), as each role, as a user holding every role, and anonymously. No answer
// is a 5xx and nothing changes: the row count of every table and the audit head stay as they were,
// apart from audit rows that record refusals. The corpus is hand-written from the ways clients were
// seen to break the API: NUL, lone surrogates, `%25` and malformed escapes, huge and non-finite
// numbers, extreme dates, 1 MiB strings, deep nesting, wrong types, `Origin: null`.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ROLES } from '@/lib/roles';
import { predictionEvents } from '@/server/db/schema';
import { createApiToken } from '@/server/services/api-tokens/tokens';
import { createVersion } from '@/server/services/catalog/create-version';
import { registerModel } from '@/server/services/catalog/register-model';
import type { SessionUser } from '@/server/services/context';
import { createDeployment } from '@/server/services/monitoring/deployments';
import { createIngestionKey } from '@/server/services/monitoring/ingestion-keys';
import { getReleaseRequest } from '@/server/services/releases/get-release-request';
import { createReleaseRequest } from '@/server/services/releases/request-release';
import { signDecision } from '@/server/services/releases/sign-decision';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import { createCallerFactory } from '@/server/trpc/init';
import { appRouter } from '@/server/trpc/routers/_app';
import { openApiDocument } from './openapi';

// The route handlers reach the app's database through getDb() and read the browser session through
// next-auth (which needs Next's request scope); here those are the test database and the session
// the test names. Everything below them (session lookup, services, SQL) is the real code.
const holder = vi.hoisted(() => ({ db: null as unknown, sid: null as string | null }));
vi.mock('@/server/db/client', () => ({ getDb: () => holder.db }));
vi.mock('@/server/env', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/server/env')>();
  return { env: { ...actual.env, DATABASE_URL: undefined } };
});
vi.mock('next-auth', async (importOriginal) => {
  const actual = await importOriginal<typeof import('next-auth')>();
  return { ...actual, getServerSession: async () => (holder.sid ? { sid: holder.sid } : null) };
});

const PASSWORD = 'hostile-input-test-password';
const API_ROOT = path.resolve(import.meta.dirname, '../../app/api');
/** Audit actions that record a refusal: the only rows a refused request may add. */
const REFUSAL_ACTIONS = new Set(['auth.sign_in_failed', 'auth.sign_in_throttled', 'auth.throttle_applied', 'signature.failed', 'evaluation.verification_failed']);

// ---- the corpus ----------------------------------------------------------------------------------

const MiB = 'x'.repeat(1024 * 1024);
const JSON_HOSTILE = (): [string, unknown, string?][] => HOSTILE.filter(([, v]) => !(v instanceof Date));
function nested(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
  return v;
}
const DEEP = nested(2_000);

/** Values no field should accept (or, where a field may hold them, that must not be stored twice over). */
const HOSTILE: [string, unknown, 'text guard'?][] = [
  ['NUL', 'a\u0000b', 'text guard'],
  ['NUL only', '\u0000', 'text guard'],
  ['lone high surrogate', 'x\uD800', 'text guard'],
  ['lone low surrogate', '\uDFFFy', 'text guard'],
  ['1 MiB string', MiB],
  ['huge number', 1e308],
  ['negative huge number', -1e308],
  ['unsafe integer', 2 ** 53 + 2],
  ['timestamp past the Date range', 8_640_000_000_000_001],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
  ['invalid Date', new Date(Number.NaN)],
  ['Date at the end of time', new Date(8_640_000_000_000_000)],
  ['Date at the start of time', new Date(-8_640_000_000_000_000)],
  ['date string past year 9999', '+275760-09-13T00:00:00.000Z'],
  ['deep nesting', DEEP, 'text guard'],
  ['object for a scalar', { length: 1 }],
  ['array', ['\u0000'], 'text guard'],
  ['NUL object key', { '\u0000': 1 }, 'text guard'],
  ['boolean', true],
  ['null', null],
];
/** Text that is valid but trips URL decoding; only sent where it cannot be stored (queries, paths). */
const ESCAPES: [string, unknown, string?][] = [
  ['%25', '%25'],
  ['lone %', '%'],
  ['malformed escape', '%E0%A4%A'],
  ['encoded NUL text', 'model.json%00.txt'],
];

// ---- seeded world --------------------------------------------------------------------------------

let t: TestDatabase;
const people = new Map<string, SessionUser>();
let everything: SessionUser;
let token: string;
let ingestionKey: string;
const ids: Record<string, string> = {};

async function snapshot(): Promise<{ counts: Map<string, number>; auditHead: string }> {
  const tables = (await t.db.execute(sql`select tablename from pg_tables where schemaname = 'public' order by tablename`)) as unknown as { tablename: string }[];
  const rows = (await t.db.execute(sql.raw(tables.map((r) => `select '${r.tablename}' as name, count(*)::int as n from "${r.tablename}"`).join(' union all ')))) as unknown as { name: string; n: number }[];
  return { counts: new Map(rows.map((r) => [r.name, r.n])), auditHead: await auditHead() };
}

const auditHead = async () => ((await t.db.execute(sql`select coalesce(max(seq), 0)::text as seq from audit_events`)) as unknown as { seq: string }[])[0]?.seq ?? '0';
/** Audit rows other than refusals, counted. */
const auditWrites = async () =>
  ((await t.db.execute(sql`select count(*)::int as n from audit_events where action not in (${sql.join([...REFUSAL_ACTIONS].map((a) => sql`${a}`), sql`, `)})`)) as unknown as { n: number }[])[0]?.n ?? 0;

/** Per-key rate counters: every batch a key sends counts toward its rate, refused or not; they are not data. */
const COUNTERS = new Set(['ingestion_rate_windows']);

/** What changed since `before`, as readable lines; audit rows that record refusals are not changes. */
async function changesSince(before: Awaited<ReturnType<typeof snapshot>>): Promise<string[]> {
  const after = await snapshot();
  const changes: string[] = [];
  for (const [name, n] of after.counts) if (name !== 'audit_events' && !COUNTERS.has(name) && before.counts.get(name) !== n) changes.push(`${name}: ${before.counts.get(name)} -> ${n} rows`);
  const added = (await t.db.execute(sql`select action from audit_events where seq > ${Number(before.auditHead)} order by seq`)) as unknown as { action: string }[];
  for (const { action } of added) if (!REFUSAL_ACTIONS.has(action)) changes.push(`audit row ${action}`);
  return changes;
}

beforeAll(async () => {
  t = await freshDatabase();
  holder.db = t.db;
  for (const role of ROLES) people.set(role, await createUserWithSession(t.db, [role], { password: PASSWORD }));
  everything = await createUserWithSession(t.db, [...ROLES], { password: PASSWORD });
  const scientist = people.get('data_scientist') as SessionUser;
  const approver = people.get('approver') as SessionUser;
  const ops = people.get('ops') as SessionUser;
  token = (await createApiToken({ ctx: contextFor(t.db, everything), input: { name: 'hostile input' } })).token;
  const inputSchema = { features: [{ name: 'age', type: 'numeric' as const, min: 0, max: 120 }, { name: 'region', type: 'categorical' as const, categories: ['north', 'south'] }] };
  const model = await registerModel({ ctx: contextFor(t.db, scientist), input: { name: 'Hostile Input Target', ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'low' } });
  ids.modelId = model.id;
  ids.subjectId = model.id;
  await createVersion({ ctx: contextFor(t.db, scientist), input: { modelId: model.id, files: tfjsModelFiles({ seed: 1, inputs: 2 }).files, metadata: { inputSchema, outputSchema: { target: 'y', classLabels: ['no', 'yes'], positiveClass: 'yes' } } } });
  const request = await createReleaseRequest({ ctx: contextFor(t.db, scientist), input: { modelId: model.id, version: 1, alias: 'production', changeSummary: 's', expectedImpact: 'i', rollbackPlan: 'r' } });
  const view = await getReleaseRequest({ ctx: contextFor(t.db, approver), input: { requestId: request.id } });
  await signDecision({ ctx: contextFor(t.db, approver), input: { requestId: request.id, decision: 'approve', reason: 'ok', meaning: view.viewer.meanings.approve, password: PASSWORD } });
  ids.requestId = request.id;
  ids.deploymentId = (await createDeployment({ ctx: contextFor(t.db, ops), input: { modelId: model.id, environment: 'prod' } })).id;
  ingestionKey = (await createIngestionKey({ ctx: contextFor(t.db, ops), input: { deploymentId: ids.deploymentId, name: 'serving', scopes: ['write', 'read'] } })).key;
  ids.userId = scientist.id;
}, 180_000);
afterAll(async () => t?.close());

// ---- inputs from JSON Schema -----------------------------------------------------------------------

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  minLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  default?: unknown;
  pattern?: string;
  $ref?: string;
};

/** A plausible value for `schema`, using the seeded rows' ids, so one hostile field at a time goes deep. */
function sample(schema: JsonSchema | undefined, key: string): unknown {
  if (!schema) return undefined;
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const option = (schema.anyOf ?? schema.oneOf)?.find((o) => o.type !== 'null');
  if (option) return sample(option, key);
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const k of schema.required ?? []) out[k] = sample(schema.properties?.[k], k);
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items, key));
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return false;
    case 'string':
      if (schema.format === 'uuid') return ids[key] ?? '00000000-0000-4000-8000-000000000000';
      if (schema.format === 'email') return 'someone@example.com';
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.pattern?.startsWith('^(release|alert)')) return `release:${ids.requestId}`;
      return key === 'modelId' ? ids.modelId : 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    default:
      return undefined;
  }
}

const typesOf = (schema: JsonSchema | undefined): string[] => {
  if (!schema) return [];
  const own = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  return [...own, ...(schema.anyOf ?? schema.oneOf ?? []).flatMap(typesOf)];
};

/**
 * Whether `value` is hostile for a field of `schema`: valid values of the field's own type (a
 * boolean for a boolean flag, null where null is allowed, ordinary text or a date string for a text
 * field) are left out, since a mutation may rightly store them.
 */
function hostileFor(schema: JsonSchema | undefined, value: unknown): boolean {
  const types = typesOf(schema);
  if (types.length === 0 && !schema?.enum) return typeof value === 'string' || typeof value === 'object'; // unconstrained (JSON) fields: the text guard's cases
  if (typeof value === 'boolean') return !types.includes('boolean');
  // An object with ordinary keys (or a Date, which has none of its own) may be a valid record or all-optional object.
  if (types.includes('object') && typeof value === 'object' && value !== null && !Array.isArray(value) && !Object.keys(value).some((k) => k.includes('\u0000')) && value !== DEEP) return false;
  if (value === null) return !types.includes('null');
  if (typeof value === 'string' && value.length < 1024 && !/[\u0000\uD800-\uDFFF]/.test(value)) return !types.includes('string') || !!schema?.enum;
  return true;
}

/** Inputs with one hostile value each: as the whole input, and in each top-level field of a plausible input. */
function hostileInputs(schema: JsonSchema | undefined, corpus: [string, unknown, string?][], perField: boolean): [string, unknown][] {
  // A procedure without input ignores what it is sent; only the shared text guard's cases apply there.
  const whole = schema ? corpus : corpus.filter(([, , guard]) => guard);
  const out: [string, unknown][] = whole.filter(([, v]) => !schema || hostileFor(schema, v)).map(([name, v]) => [`input = ${name}`, v]);
  if (!perField || !schema?.properties) return out;
  const base = sample(schema, '') as Record<string, unknown>;
  for (const [field, fieldSchema] of Object.entries(schema.properties)) {
    for (const [name, v] of corpus) if (hostileFor(fieldSchema, v)) out.push([`${field} = ${name}`, { ...base, [field]: v }]);
  }
  return out;
}

// ---- tRPC ------------------------------------------------------------------------------------------

type Procedure = { _def: { type: 'query' | 'mutation' | 'subscription'; inputs: z.ZodType[] } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>);
const createCaller = createCallerFactory(appRouter);

function inputSchemaOf(p: Procedure): JsonSchema | undefined {
  const [input] = p._def.inputs;
  return input ? (z.toJSONSchema(input, { io: 'input', unrepresentable: 'any' }) as JsonSchema) : undefined;
}

/** Calls a procedure; returns a failure line for a 5xx (or a non-tRPC throw), else null. */
async function callProcedure(user: SessionUser | null, procedurePath: string, input: unknown): Promise<string | null> {
  const caller = createCaller(contextFor(t.db, user)) as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;
  const [router, name] = procedurePath.split('.') as [string, string];
  try {
    const result = await caller[router]?.[name]?.(input);
    if (result && typeof result === 'object' && Symbol.asyncIterator in result) await (result as AsyncIterableIterator<unknown>).return?.();
    return null;
  } catch (err) {
    if (err instanceof TRPCError && err.code !== 'INTERNAL_SERVER_ERROR' && err.code !== 'SERVICE_UNAVAILABLE' && err.code !== 'NOT_IMPLEMENTED') return null;
    const cause = err instanceof TRPCError ? err.cause : err;
    return `${err instanceof TRPCError ? err.code : 'thrown'}: ${String((cause as Error)?.message ?? cause).slice(0, 160)}`;
  }
}

describe('hostile input: tRPC', () => {
  it('walks every procedure', () => {
    expect(procedures.length).toBeGreaterThan(50);
  });

  for (const [procedurePath, procedure] of procedures) {
    it(`${procedurePath}: no 5xx and no change, for every role and anonymous`, async () => {
      const schema = inputSchemaOf(procedure);
      // Valid-looking text is only sent to queries: a mutation may rightly store it.
      const corpus = procedure._def.type === 'query' ? [...HOSTILE, ...ESCAPES] : HOSTILE;
      const before = await snapshot();
      const failures: string[] = [];
      const callers: [string, SessionUser | null][] = [['anonymous', null], ...ROLES.map((r) => [r, people.get(r) ?? null] as [string, SessionUser | null]), ['every role', everything]];
      for (const [who, user] of callers) {
        // The user holding every role gets past every access check, so it gets every field; the others the whole-input corpus.
        for (const [label, input] of hostileInputs(schema, corpus, who === 'every role')) {
          const head = procedure._def.type === 'mutation' ? await auditWrites() : null;
          const failure = await callProcedure(user, procedurePath, input);
          if (failure) failures.push(`${who}, ${label}: ${failure}`);
          // Names the input behind a change; the full comparison of every table follows below.
          if (head !== null && (await auditWrites()) !== head) failures.push(`${who}, ${label}: wrote an audit row`);
        }
      }
      expect(failures.slice(0, 20)).toEqual([]);
      expect(await changesSince(before)).toEqual([]);
    });
  }
});

// ---- REST ------------------------------------------------------------------------------------------

type Operation = { parameters?: { name: string; in: string; schema?: JsonSchema }[]; requestBody?: { content: Record<string, { schema?: JsonSchema }> }; responses: Record<string, unknown>; security?: unknown[] };
const doc = openApiDocument('http://localhost');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

function routeFileOf(apiPath: string): string {
  return path.join(API_ROOT, 'v1', ...apiPath.split('/').filter(Boolean).map((s) => s.replace(/^\{(.+)\}$/, '[$1]')), 'route.ts');
}

function routeFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? routeFilesUnder(path.join(dir, e.name)) : e.name === 'route.ts' ? [path.join(dir, e.name)] : []));
}

type Handler = (req: Request, segment?: { params: Promise<Record<string, string>> }) => Promise<Response>;

function resolveRef(schema: JsonSchema | undefined): JsonSchema | undefined {
  const ref = schema?.$ref?.replace('#/components/schemas/', '');
  return ref ? ((doc.components.schemas as Record<string, JsonSchema>)[ref] ?? schema) : schema;
}

/** Path values as Next.js hands them over: decoded once (a segment it cannot decode never reaches a handler). */
const PATH_CORPUS = ['%25', '%2525', 'model.json%00.txt', '%00', '..%2F..%2Fetc%2Fpasswd', `${'x'.repeat(10_000)}`, '1e400', '-1', 'NaN', '8640000000000001', '%F0%9F%98%80', '%EF%BF%BD'];
const QUERY_CORPUS = ['%00', '%ED%A0%80', '%25', '1e400', 'NaN', '-1', '8640000000000001', '%2B275760-09-13T00%3A00%3A00.001Z', 'x'.repeat(100_000)];
/** Raw JSON bodies no endpoint should store: broken JSON, JSON5 non-finite numbers, deep nesting, escapes for NUL and lone surrogates. */
const RAW_BODIES = ['', 'null', '[]', '{', '"\\u0000"', '{"\\u0000":1}', '"\\ud800"', '[NaN, Infinity]', '1e400', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, JSON.stringify(DEEP)];

const observed = new Map<string, Set<number>>();

type Auth = { who: string; headers: Record<string, string>; sid: string | null };
function authVariants(op: Operation): Auth[] {
  const session = (who: string, user: SessionUser | undefined): Auth => ({ who, headers: { 'sec-fetch-site': 'same-origin' }, sid: user?.sessionId ?? null });
  const variants: Auth[] = [
    { who: 'anonymous', headers: {}, sid: null },
    ...ROLES.map((r) => session(`${r} session`, people.get(r))),
    session('every-role session', everything),
    { who: 'session, Origin: null', headers: { origin: 'null' }, sid: everything.sessionId },
    { who: 'session, garbage Origin', headers: { origin: 'http://[::1' }, sid: everything.sessionId },
    { who: 'session, foreign Origin', headers: { origin: 'https://evil.example' }, sid: everything.sessionId },
    { who: 'API token', headers: { authorization: `Bearer ${token}` }, sid: null },
    { who: 'unknown token', headers: { authorization: 'Bearer mgt_unknown%00' }, sid: null },
  ];
  if (JSON.stringify(op.security ?? []).includes('ingestionKey')) variants.push({ who: 'ingestion key', headers: { authorization: `Bearer ${ingestionKey}` }, sid: null });
  return variants;
}

/** Bodies for one operation: raw hostile JSON, each field of a plausible body made hostile, and hand-made hostile events and labels. */
function bodiesFor(apiPath: string, op: Operation): { label: string; body: BodyInit; type: string }[] {
  const content = op.requestBody?.content ?? {};
  const out: { label: string; body: BodyInit; type: string }[] = [];
  if (content['application/json']) {
    out.push(...RAW_BODIES.map((b) => ({ label: `raw body ${b.slice(0, 20)}`, body: b, type: 'application/json' })));
    const schema = resolveRef(content['application/json'].schema);
    if (apiPath === '/events' || apiPath === '/labels') {
      const now = new Date().toISOString();
      const good = apiPath === '/events' ? { event_id: 'e-1', timestamp: now, features: { age: 30, region: 'north' }, prediction: 'yes', probabilities: [0.4, 0.6], latency_ms: 3 } : { event_id: 'e-1', label: 'yes' };
      for (const field of Object.keys(good)) {
        for (const [name, v] of JSON_HOSTILE()) {
          if (field === 'event_id' && !hostileFor({ type: 'string' }, v)) continue;
          // A huge number is a valid feature value or latency only within its limits; these must all be refused per event.
          if (field === 'features') out.push({ label: `event.features.age = ${name}`, body: JSON.stringify({ [apiPath.slice(1)]: [{ ...good, event_id: `f-${name}`, features: { age: v, region: '\u0000' } }] }), type: 'application/json' });
          out.push({ label: `item.${field} = ${name}`, body: JSON.stringify({ [apiPath.slice(1)]: [{ ...good, [field]: v, ...(field === 'event_id' ? {} : { event_id: '\u0000' }) }] }), type: 'application/json' });
        }
      }
      out.push({ label: 'non-finite numbers (JSON5)', body: `{"events":[{"event_id":"\\u0000","timestamp":NaN,"features":{"age":Infinity},"prediction":NaN}]}`, type: 'application/json' });
    } else if (schema?.properties) {
      const base = sample(schema, '') as Record<string, unknown>;
      for (const [field, fieldSchema] of Object.entries(schema.properties)) for (const [name, v] of JSON_HOSTILE()) if (hostileFor(fieldSchema, v)) out.push({ label: `body.${field} = ${name}`, body: JSON.stringify({ ...base, [field]: v }), type: 'application/json' });
    }
    out.push({ label: 'form post', body: 'name=x', type: 'application/x-www-form-urlencoded' });
  }
  if (content['multipart/form-data']) {
    const form = (files: [string, string][], metadata?: string) => {
      const f = new FormData();
      for (const [name, text] of files) f.append('files', new Blob([text]), name);
      if (metadata !== undefined) f.append('metadata', metadata);
      return f;
    };
    const dataset = (name: string) => {
      const f = new FormData();
      f.append('referenceDataset', new Blob(['age,region,y\n30,north,yes\n']), name);
      return f;
    };
    out.push(
      { label: 'file named model.json\\0.txt', body: form([['model.json\u0000.txt', '{}']]), type: '' },
      { label: 'file named with a lone surrogate', body: form([['\uD800.bin', 'x']]), type: '' },
      { label: 'metadata with NUL', body: form([['model.json', '{}']], '{"description":"\\u0000"}'), type: '' },
      { label: 'metadata nested deep', body: form([['model.json', '{}']], JSON.stringify(DEEP)), type: '' },
      { label: 'dataset named with NUL', body: dataset('data\u0000.csv'), type: '' },
      { label: 'not multipart', body: '{}', type: 'application/json' },
    );
  }
  return out;
}

function restRequests(apiPath: string, method: string, op: Operation): { label: string; url: string; params: Record<string, string>; init: RequestInit; headers: Record<string, string> }[] {
  const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
  const plausible: Record<string, string> = { model: ids.modelId as string, version: '1', file: 'model.json', id: ids.deploymentId as string };
  const build = (params: Record<string, string>, query = '') => `http://localhost/api/v1${apiPath.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(params[k] ?? ''))}${query}`;
  const out: ReturnType<typeof restRequests> = [];
  const base = Object.fromEntries(pathParams.map((k) => [k, plausible[k] ?? 'x']));
  // The body of a GET is nothing; a POST gets each hostile body with plausible params.
  const bodies = method === 'GET' ? [{ label: 'no body', body: undefined as BodyInit | undefined, type: '' }] : bodiesFor(apiPath, op);
  for (const b of bodies) out.push({ label: b.label, url: build(base), params: base, init: { method, body: b.body }, headers: b.type ? { 'content-type': b.type } : {} });
  for (const k of pathParams) {
    for (const raw of PATH_CORPUS) {
      const params = { ...base, [k]: decodeURIComponent(raw) };
      out.push({ label: `path ${k} = ${raw.slice(0, 30)}`, url: build(params), params, init: { method, body: method === 'GET' ? undefined : '{}' }, headers: { 'content-type': 'application/json' } });
    }
  }
  const queryNames = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  if (method === 'GET') {
    for (const name of queryNames.length > 0 ? queryNames : ['format']) for (const raw of QUERY_CORPUS) out.push({ label: `query ${name} = ${raw.slice(0, 30)}`, url: build(base, `?${name}=${raw}`), params: base, init: { method }, headers: {} });
  }
  return out;
}

const operations = Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([apiPath, ops]) => Object.entries(ops).map(([method, op]) => ({ apiPath, method: method.toUpperCase(), op })));

describe('hostile input: REST', () => {
  it('the OpenAPI document lists every route file under app/api/v1 and every method it exports', async () => {
    const documented = new Set(operations.map((o) => `${o.method} ${routeFileOf(o.apiPath)}`));
    const exported: string[] = [];
    for (const file of routeFilesUnder(path.join(API_ROOT, 'v1'))) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const m of METHODS) if (typeof mod[m] === 'function') exported.push(`${m} ${file}`);
    }
    expect(exported.length).toBeGreaterThan(5);
    expect(exported.filter((e) => !documented.has(e)).map((e) => path.relative(API_ROOT, e))).toEqual([]);
    expect([...documented].filter((d) => !exported.includes(d)).map((d) => path.relative(API_ROOT, d))).toEqual([]);
  });

  for (const { apiPath, method, op } of operations) {
    it(`${method} ${apiPath}: no 5xx and no change, for every role, token, Origin and anonymous`, async () => {
      const mod = (await import(routeFileOf(apiPath))) as Record<string, Handler>;
      const handler = mod[method];
      if (!handler) throw new Error(`${method} ${apiPath} is documented but not exported`);
      const before = await snapshot();
      const failures: string[] = [];
      const statuses = observed.get(`${method} ${apiPath}`) ?? new Set<number>();
      observed.set(`${method} ${apiPath}`, statuses);
      const requests = restRequests(apiPath, method, op);
      for (const auth of authVariants(op)) {
        // Every request shape with the most capable callers; the whole-body corpus alone for the rest.
        const all = auth.who === 'every-role session' || auth.who === 'API token' || auth.who === 'ingestion key' || auth.who === 'anonymous';
        // The Origin checks guard writes only; reads with a session and any Origin are the session's own.
        if (method === 'GET' && auth.who.startsWith('session,')) continue;
        for (const r of all ? requests : requests.slice(0, 6)) {
          holder.sid = auth.sid;
          let res: Response;
          try {
            const headers = new Headers({ ...r.headers, ...auth.headers });
            res = await handler(new Request(r.url, { ...r.init, headers }), { params: Promise.resolve(r.params) });
            await res.arrayBuffer();
          } catch (err) {
            failures.push(`${auth.who}, ${r.label}: threw ${String((err as Error).message).slice(0, 160)}`);
            continue;
          } finally {
            holder.sid = null;
          }
          statuses.add(res.status);
          if (res.status >= 500) failures.push(`${auth.who}, ${r.label}: ${res.status}`);
        }
      }
      expect(failures.slice(0, 20)).toEqual([]);
      expect(await changesSince(before)).toEqual([]);
    });
  }

  it('documents every status each operation answered above, and 503 for every operation that reads the database', () => {
    const undocumented: string[] = [];
    for (const { apiPath, method, op } of operations) {
      for (const status of observed.get(`${method} ${apiPath}`) ?? []) if (!(String(status) in op.responses)) undocumented.push(`${method} ${apiPath} ${status}`);
      const public_ = Array.isArray(op.security) && op.security.length === 0;
      if (!public_ && !('503' in op.responses)) undocumented.push(`${method} ${apiPath} 503`);
    }
    expect(undocumented).toEqual([]);
  });

  it('keeps the valid events of a batch and refuses the hostile ones one by one', async () => {
    const { POST } = (await import(routeFileOf('/events'))) as Record<string, Handler>;
    const now = new Date().toISOString();
    const good = (id: string) => ({ event_id: id, timestamp: now, features: { age: 30, region: 'north' }, prediction: 'yes', probabilities: [0.4, 0.6] });
    const batch = [good('kept-1'), { ...good('nul'), features: { age: 30, region: 'no\u0000rth' } }, { ...good('far'), timestamp: 8_640_000_000_000_001 }, { ...good('lone'), event_id: 'x\uD800' }, good('kept-2')];
    const res = await (POST as Handler)(new Request('http://localhost/api/v1/events', { method: 'POST', body: JSON.stringify({ events: batch }), headers: { 'content-type': 'application/json', authorization: `Bearer ${ingestionKey}` } }));
    expect(res.status).toBe(200);
    const result = (await res.json()) as { accepted: number; rejected: { index: number; reasons: string[] }[] };
    expect(result.accepted).toBe(2);
    expect(result.rejected.map((r) => r.index)).toEqual([1, 2, 3]);
    expect(result.rejected[0]?.reasons.join(' ')).toMatch(/NUL/);
    expect(result.rejected[2]?.reasons.join(' ')).toMatch(/surrogate/);
    const stored = await t.db.select({ eventId: predictionEvents.eventId }).from(predictionEvents);
    expect(stored.map((r) => r.eventId).sort()).toEqual(['kept-1', 'kept-2']);
  });
});
