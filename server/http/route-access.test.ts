// Every REST route handler under app/api (found on disk, so a new route is caught), each exported
// method called by nobody, by a personal API token of a person with no role and of each role, and
// by a deployment's write and read ingestion keys, against the hand-written table in
// server/testing/access-table.ts. The handlers run as in production, on this file's own database;
// they call the service verbs directly, so this also shows the services refuse on their own.
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '@/lib/roles';
import { ROUTE_ACCESS, type Actor } from '@/server/testing/access-table';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';

const API = path.resolve(import.meta.dirname, '../../app/api');
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const PEOPLE = ['no_role', ...ROLES] as const;
type Caller = 'nobody' | Actor;
const CALLERS: Caller[] = ['nobody', ...PEOPLE, 'write_key', 'read_key'];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? routeFiles(path.join(dir, e.name)) : e.name === 'route.ts' ? [path.join(dir, e.name)] : []));
}
const files = routeFiles(API).map((file) => ({ file, route: `/api/${path.relative(API, path.dirname(file)).split(path.sep).join('/')}` }));

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;
const routes: { key: string; route: string; method: string; handler: Handler }[] = [];
const bearer = new Map<Caller, string>();
const seeded = { modelName: '', modelId: '', deploymentId: '' };
let t: TestDatabase;
let closeApp: () => Promise<void> = async () => {};

beforeAll(async () => {
  t = await freshDatabase();
  // The handlers reach the database through server/env, parsed on first import: point it here first.
  process.env.DATABASE_URL = t.url;
  process.env.MODELGATE_EMBEDDED = '1';
  const { contextFor, createUserWithSession } = await import('@/server/testing/fixtures');
  const { tfjsModelFiles } = await import('@/server/testing/tfjs-fixture');
  const { registerModel } = await import('@/server/services/catalog/register-model');
  const { createVersion } = await import('@/server/services/catalog/create-version');
  const { createDeployment } = await import('@/server/services/monitoring/deployments');
  const { createIngestionKey } = await import('@/server/services/monitoring/ingestion-keys');
  const { createApiToken } = await import('@/server/services/api-tokens/tokens');

  for (const who of PEOPLE) {
    const user = await createUserWithSession(t.db, who === 'no_role' ? [] : [who]);
    bearer.set(who, (await createApiToken({ ctx: contextFor(t.db, user), input: { name: 'route access' } })).token);
  }
  const scientist = await createUserWithSession(t.db, ['data_scientist']);
  const ops = await createUserWithSession(t.db, ['ops']);
  const model = await registerModel({ ctx: contextFor(t.db, scientist), input: { name: 'Route access model', ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'low' } });
  await createVersion({ ctx: contextFor(t.db, scientist), input: { modelId: model.id, files: tfjsModelFiles().files, metadata: { outputSchema: { target: 'defaulted', classLabels: ['no', 'yes'], positiveClass: 'yes' } } } });
  const deployment = await createDeployment({ ctx: contextFor(t.db, ops), input: { modelId: model.id, environment: 'prod-eu' } });
  bearer.set('write_key', (await createIngestionKey({ ctx: contextFor(t.db, ops), input: { deploymentId: deployment.id, name: 'writer', scopes: ['write'] } })).key);
  bearer.set('read_key', (await createIngestionKey({ ctx: contextFor(t.db, ops), input: { deploymentId: deployment.id, name: 'reader', scopes: ['read'] } })).key);
  Object.assign(seeded, { modelName: model.name, modelId: model.id, deploymentId: deployment.id });

  for (const { file, route } of files) {
    // next-auth's handler needs Next's request scope; it is public and holds no rule of ours.
    if (route.includes('[...nextauth]')) {
      for (const method of ['GET', 'POST']) routes.push({ key: `${method} ${route}`, route, method, handler: () => new Response(null) });
      continue;
    }
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of METHODS) {
      const handler = mod[method];
      if (typeof handler === 'function') routes.push({ key: `${method} ${route}`, route, method, handler: handler as Handler });
    }
  }
  const { getDbHandle } = await import('@/server/db/client');
  closeApp = () => getDbHandle().close();
}, 240_000);

afterAll(async () => {
  await closeApp();
  await t?.close();
});

/** Values for the route's dynamic segments: the seeded model, version and deployment, else an unknown id. */
function params(route: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [, name] of route.matchAll(/\[([^\]]+)\]/g)) {
    if (!name) continue;
    values[name] =
      name === 'model' ? encodeURIComponent(seeded.modelName)
      : name === 'modelId' ? seeded.modelId
      : name === 'version' ? '1'
      : name === 'file' ? 'model.json'
      : name === 'id' && route.includes('/deployments/') ? seeded.deploymentId
      : randomUUID();
  }
  return values;
}

async function call(r: (typeof routes)[number], caller: Caller): Promise<number> {
  const headers = new Headers({ 'sec-fetch-site': 'same-origin', host: 'localhost' });
  const token = caller === 'nobody' ? undefined : bearer.get(caller);
  if (token) headers.set('authorization', `Bearer ${token}`);
  const withBody = r.method !== 'GET' && r.method !== 'HEAD';
  if (withBody) headers.set('content-type', 'application/json');
  const url = `http://localhost${r.route.replace(/\[([^\]]+)\]/g, (_, n: string) => params(r.route)[n] ?? n)}`;
  const res = await r.handler(new Request(url, { method: r.method, headers, body: withBody ? '{}' : undefined }), { params: Promise.resolve(params(r.route)) });
  await res.body?.cancel();
  return res.status;
}

describe('REST routes', () => {
  it('finds the route files, and each method has a row in the hand-written table', () => {
    expect(files.length).toBeGreaterThan(5);
    expect(routes.filter((r) => !(r.key in ROUTE_ACCESS)).map((r) => r.key)).toEqual([]);
    expect(Object.keys(ROUTE_ACCESS).filter((k) => !routes.some((r) => r.key === k))).toEqual([]);
  });

  it('answers each caller as the table says: nobody 401, a refused caller 401 or 403, an allowed one neither (and never 5xx)', async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      const rule = ROUTE_ACCESS[r.key];
      // tRPC is walked procedure by procedure in server/trpc/access.test.ts; next-auth is sign-in itself.
      if (!rule || rule === 'trpc' || r.route.includes('[...nextauth]')) continue;
      for (const caller of CALLERS) {
        const status = await call(r, caller);
        const allowed = rule === 'public' || (caller !== 'nobody' && rule.includes(caller));
        const ok = allowed ? status !== 401 && status !== 403 && status < 500 : caller === 'nobody' ? status === 401 : status === 401 || status === 403;
        if (!ok) wrong.push(`${r.key} as ${caller}: ${status} (${allowed ? 'allowed' : 'refused'} by the table)`);
      }
    }
    expect(wrong).toEqual([]);
  }, 240_000);
});
