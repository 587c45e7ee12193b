// Webhooks end to end: admin-only management (audited, secret shown once), the outbox (a delivery
// is queued in the transaction of the change, and only if it commits), signed deliveries a receiver
// verifies, retries with backoff recorded attempt by attempt, durability across a worker restart,
// and the outbound rules (loopback, private, link-local and metadata addresses refused after DNS,
// and on every redirect). Receivers are node:http servers on 127.0.0.1; nothing else is contacted:
// other addresses are refused before any connection, which the sender spy proves.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '@/lib/audit-actions';
import { WEBHOOK_EVENT_TYPES } from '@/lib/validation/webhooks';
import { auditEvents, webhookDeliveries, webhooks, WEBHOOK_EVENT_TYPES as SCHEMA_EVENT_TYPES } from '@/server/db/schema';
import { ConflictError, ForbiddenError, ValidationError } from '@/server/errors';
import { createMemoryBus } from '@/server/events/memory-bus';
import { createQueueClient, WEBHOOK_DELIVERY_QUEUE } from '@/server/jobs/queue';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import { createVersion } from '../catalog/create-version';
import { registerModel } from '../catalog/register-model';
import type { SessionUser } from '../context';
import { mutate } from '../mutate';
import { restrictedAddressReason } from './address';
import { webhookEventOf } from './enqueue';
import { createWebhook, deleteWebhook, listWebhookDeliveries, listWebhooks, redeliverWebhookDelivery, sendTestDelivery, setWebhookEnabled, setWebhookSettings, updateWebhook } from './manage';
import { httpSender, postFollowingRedirects, systemResolver, TargetRefusedError, type Hop, type Resolver, type Sender } from './outbound';
import { verifySignature } from './sign';
import { createWebhookWorker, type WebhookWorker } from './worker';

type Received = { path: string; headers: IncomingHttpHeaders; body: string };
type Receiver = { url: string; port: number; requests: Received[]; close: () => Promise<void> };

/** A local receiver; `respond` says what to answer the n-th request (0-based). */
async function receiver(respond: (n: number, req: Received) => { status: number; headers?: Record<string, string> } | 'hang' = () => ({ status: 200 })): Promise<Receiver> {
  const requests: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const received = { path: req.url ?? '', headers: req.headers, body };
      requests.push(received);
      const answer = respond(requests.length - 1, received);
      if (answer === 'hang') return;
      res.writeHead(answer.status, answer.headers).end(answer.status >= 400 ? 'receiver says no' : 'ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

// "Public" names for the redirect tests resolve to a documentation-free public address; the spy
// sender carries hops to that address to a local receiver instead, so nothing leaves the machine.
const PUBLIC_IP = '93.184.216.34';
const publicNames = new Map<string, string>();
const testResolver: Resolver = async (hostname) => {
  const mapped = publicNames.get(hostname);
  if (mapped) return [{ address: mapped, family: 4 }];
  if (hostname === 'internal.example.test') return [{ address: '10.0.0.5', family: 4 }];
  if (hostname === 'localhost') return systemResolver(hostname);
  throw Object.assign(new Error(`test resolver does not know ${hostname}`), { code: 'ENOTFOUND' });
};
const connections: Hop[] = [];
let publicStandIn: Receiver | null = null;
const spySender: Sender = async (hop, request) => {
  connections.push(hop);
  if (hop.address === PUBLIC_IP) {
    if (!publicStandIn) throw new Error('no stand-in for the public address');
    return httpSender({ ...hop, url: new URL(`${hop.url.pathname}${hop.url.search}`, publicStandIn.url), address: '127.0.0.1', family: 4 }, request);
  }
  if (hop.address !== '127.0.0.1') throw new Error(`the test must not connect to ${hop.address}`);
  return httpSender(hop, request);
};

let t: TestDatabase;
let admin: SessionUser;
let ops: SessionUser;
let auditor: SessionUser;
let scientist: SessionUser;
let worker: WebhookWorker;
const bus = createMemoryBus();
const receivers: Receiver[] = [];
const asAdmin = () => contextFor(t.db, admin, bus);

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const deliveryRow = async (id: string) => (await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)))[0];
const settled = (id: string) => until(() => deliveryRow(id), (d) => !!d && d.state !== 'pending');
const startWorker = async (options: { pollingIntervalSeconds?: number; bus?: ReturnType<typeof createMemoryBus> } = {}) => {
  const w = createWebhookWorker({ db: t.db, bus: options.bus ?? bus, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5, resolve: testResolver, send: spySender, concurrency: 2 });
  await w.start();
  return w;
};
async function hook(url: string, eventTypes: string[] = ['version.created']) {
  return createWebhook({ ctx: asAdmin(), input: { name: `Hook ${url}`, url, eventTypes } });
}
async function allowPrivate(allow: boolean) {
  await setWebhookSettings({ ctx: asAdmin(), input: { allowPrivateTargets: allow } }).catch((e: unknown) => {
    if (!(e instanceof ConflictError)) throw e;
  });
}

beforeAll(async () => {
  t = await freshDatabase();
  admin = await createUserWithSession(t.db, ['admin'], { name: 'Ada Admin' });
  ops = await createUserWithSession(t.db, ['ops']);
  auditor = await createUserWithSession(t.db, ['auditor']);
  scientist = await createUserWithSession(t.db, ['data_scientist'], { name: 'Sam Scientist' });
  // Retries a second apart (backoff 1-2 s, then 2-4 s) instead of the app's 5 s base.
  const queue = createQueueClient(t.db);
  await queue.updateQueue(WEBHOOK_DELIVERY_QUEUE.name, { name: WEBHOOK_DELIVERY_QUEUE.name, retryDelay: 1, retryLimit: 3 });
  worker = await startWorker();
});

afterAll(async () => {
  await worker?.stop(2_000);
  for (const r of receivers) await r.close();
  await publicStandIn?.close();
  await t?.close();
});

describe('webhook management', () => {
  it('is for admins only', async () => {
    for (const user of [ops, auditor, scientist]) {
      await expect(listWebhooks({ ctx: contextFor(t.db, user), input: undefined })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(createWebhook({ ctx: contextFor(t.db, user), input: { name: 'x', url: 'https://hooks.example.com/x', eventTypes: ['alert.opened'] } })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await t.db.select().from(webhooks)).toHaveLength(0);
  });

  it('refuses bad input with a clear message and writes nothing', async () => {
    await expect(createWebhook({ ctx: asAdmin(), input: { name: 'x', url: 'ftp://hooks.example.com/x', eventTypes: ['alert.opened'] } })).rejects.toThrow(/starts with https/);
    await expect(createWebhook({ ctx: asAdmin(), input: { name: 'x', url: 'https://user:pw@hooks.example.com/x', eventTypes: ['alert.opened'] } })).rejects.toThrow(/credentials/);
    await expect(createWebhook({ ctx: asAdmin(), input: { name: 'x', url: 'https://hooks.example.com/x', eventTypes: [] } })).rejects.toBeInstanceOf(ValidationError);
    await expect(createWebhook({ ctx: asAdmin(), input: { name: 'x', url: 'https://hooks.example.com/x', eventTypes: ['model.deleted'] } })).rejects.toBeInstanceOf(ValidationError);
    expect(await t.db.select().from(webhooks)).toHaveLength(0);
  });

  it('creates (secret shown once, never listed), edits, disables and deletes, each audited without the secret or full URL', async () => {
    const created = await createWebhook({ ctx: asAdmin(), input: { name: 'Slack #releases', url: 'https://hooks.example.com/services/T0/B0/s3cr3tT0ken', eventTypes: ['release.approved', 'alias.moved'] } });
    expect(created.secret).toMatch(/^whsec_[\w-]{40,}$/);
    const listed = await listWebhooks({ ctx: asAdmin(), input: undefined });
    expect(listed).toEqual([expect.objectContaining({ id: created.webhook.id, name: 'Slack #releases', eventTypes: ['release.approved', 'alias.moved'], enabled: true, lastDelivery: null })]);
    expect(JSON.stringify(listed)).not.toContain(created.secret);

    await updateWebhook({ ctx: asAdmin(), input: { webhookId: created.webhook.id, name: 'Slack #ml-releases', url: 'https://hooks.example.com/services/T0/B0/other', eventTypes: ['alias.moved', 'release.approved'] } });
    await setWebhookEnabled({ ctx: asAdmin(), input: { webhookId: created.webhook.id, enabled: false } });
    await expect(setWebhookEnabled({ ctx: asAdmin(), input: { webhookId: created.webhook.id, enabled: false } })).rejects.toBeInstanceOf(ConflictError);
    await deleteWebhook({ ctx: asAdmin(), input: { webhookId: created.webhook.id } });
    expect(await t.db.select().from(webhooks)).toHaveLength(0);

    const trail = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, created.webhook.id)).orderBy(auditEvents.seq);
    expect(trail.map((e) => e.action)).toEqual(['webhook.created', 'webhook.updated', 'webhook.disabled', 'webhook.deleted']);
    expect(trail[0]).toMatchObject({ actorId: admin.id, after: { name: 'Slack #releases', url: { origin: 'https://hooks.example.com' }, eventTypes: ['release.approved', 'alias.moved'], enabled: true } });
    const text = JSON.stringify(trail);
    expect(text).not.toContain(created.secret);
    expect(text).not.toContain('s3cr3tT0ken');
  });

  it('keeps the event types in step with the schema and the audit actions', () => {
    expect([...WEBHOOK_EVENT_TYPES]).toEqual([...SCHEMA_EVENT_TYPES]);
    for (const type of WEBHOOK_EVENT_TYPES) expect(AUDIT_ACTIONS as readonly string[]).toContain(type);
    expect(webhookEventOf('release.resubmitted')).toBe('release.requested');
    expect(webhookEventOf('alert.reopened')).toBe('alert.opened');
    expect(webhookEventOf('user.created')).toBeNull();
  });
});

describe('deliveries', () => {
  it('queues a delivery in the transaction of the change: none when it rolls back', async () => {
    const r = await receiver();
    receivers.push(r);
    await allowPrivate(true);
    const { webhook } = await hook(`${r.url}/outbox`, ['alias.moved']);
    const jobs = async () => Number((await t.db.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = ${WEBHOOK_DELIVERY_QUEUE.name}`))[0]?.n);
    const jobsBefore = await jobs();
    await expect(
      mutate(asAdmin(), async (w) => {
        await w.audit({ action: 'alias.moved', entityType: 'registered_model', entityId: webhook.id, after: { alias: 'production', version: 2 } });
        throw new Error('the change fails after its audit row');
      }),
    ).rejects.toThrow(/fails/);
    expect(await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhook.id))).toHaveLength(0);
    expect(await jobs()).toBe(jobsBefore);
    await new Promise((res) => setTimeout(res, 1200));
    expect(r.requests).toHaveLength(0);
    await setWebhookEnabled({ ctx: asAdmin(), input: { webhookId: webhook.id, enabled: false } });
  });

  it('delivers a signed event that the receiver verifies with the secret', async () => {
    const r = await receiver();
    receivers.push(r);
    await allowPrivate(true);
    const { webhook, secret } = await hook(`${r.url}/hooks/modelgate?team=ml`, ['version.created']);
    // Subscribed to another type and disabled ones get nothing.
    const other = await hook(`${r.url}/other`, ['alert.opened']);
    const disabled = await hook(`${r.url}/disabled`, ['version.created']);
    await setWebhookEnabled({ ctx: asAdmin(), input: { webhookId: disabled.webhook.id, enabled: false } });

    const model = await registerModel({ ctx: contextFor(t.db, scientist, bus), input: { name: 'Webhook Model', ownerTeam: 'ML', taskType: 'binary_classification', riskTier: 'low' } });
    const version = await createVersion({ ctx: contextFor(t.db, scientist, bus), input: { modelId: model.id, files: tfjsModelFiles({ inputs: 3 }).files, metadata: {} } });

    const [delivery] = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhook.id));
    expect(delivery).toBeDefined();
    const done = await settled(delivery?.id ?? '');
    expect(done).toMatchObject({ state: 'succeeded', attempts: 1, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
    expect(done?.deliveredAt).toBeInstanceOf(Date);
    expect(done?.lastDurationMs).toBeGreaterThanOrEqual(0);

    expect(r.requests).toHaveLength(1);
    const [req] = r.requests;
    expect(req?.path).toBe('/hooks/modelgate?team=ml');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers['modelgate-event']).toBe('version.created');
    expect(req?.headers['modelgate-delivery']).toBe(delivery?.id);
    const signature = req?.headers['modelgate-signature'] as string;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, signature, req?.body ?? '')).toBe(true);
    expect(verifySignature('whsec_wrong', signature, req?.body ?? '')).toBe(false);
    expect(verifySignature(secret, signature, `${req?.body ?? ''} `)).toBe(false);

    const body = JSON.parse(req?.body ?? '{}') as { id: string; type: string; occurredAt: string; data: { action: string; entity: { id: string }; actor: { name: string }; after: { model: string; version: number } } };
    expect(body).toMatchObject({ id: delivery?.id, type: 'version.created', data: { action: 'version.created', entity: { id: version.id }, actor: { name: 'Sam Scientist' }, after: { model: 'Webhook Model', version: 1 } } });
    expect(new Date(body.occurredAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(req?.body).not.toMatch(/198\.51\.100\.7|vitest/); // request metadata stays in the audit trail

    expect(await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, other.webhook.id))).toHaveLength(0);
    expect(await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, disabled.webhook.id))).toHaveLength(0);
    const listed = await listWebhookDeliveries({ ctx: asAdmin(), input: { webhookId: webhook.id } });
    expect(listed).toEqual([expect.objectContaining({ id: delivery?.id, eventType: 'version.created', state: 'succeeded', lastStatusCode: 200, attempts: 1 })]);
    await expect(listWebhookDeliveries({ ctx: contextFor(t.db, ops), input: { webhookId: webhook.id } })).rejects.toBeInstanceOf(ForbiddenError);
    for (const h of [webhook, other.webhook]) await setWebhookEnabled({ ctx: asAdmin(), input: { webhookId: h.id, enabled: false } });
  });

  it('retries a failed attempt with backoff and records both attempts', async () => {
    const r = await receiver((n) => ({ status: n === 0 ? 500 : 200 }));
    receivers.push(r);
    await allowPrivate(true);
    const { webhook, secret } = await hook(`${r.url}/flaky`, ['alert.opened']);
    const { deliveryId } = await sendTestDelivery({ ctx: asAdmin(), input: { webhookId: webhook.id } });

    const first = await until(() => deliveryRow(deliveryId), (d) => (d?.attempts ?? 0) >= 1);
    expect(first).toMatchObject({ state: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'HTTP 500: receiver says no' });
    expect(first?.nextAttemptAt?.getTime()).toBeGreaterThan((first?.lastAttemptAt?.getTime() ?? 0) + 900);

    const done = await settled(deliveryId);
    expect(done).toMatchObject({ state: 'succeeded', attempts: 2, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
    expect(r.requests).toHaveLength(2);
    // The same delivery, body and id each time, signed afresh.
    expect(r.requests[1]?.body).toBe(r.requests[0]?.body);
    expect(r.requests.map((q) => q.headers['modelgate-delivery'])).toEqual([deliveryId, deliveryId]);
    expect(r.requests.every((q) => verifySignature(secret, q.headers['modelgate-signature'] as string, q.body))).toBe(true);
    expect(JSON.parse(r.requests[0]?.body ?? '{}')).toMatchObject({ id: deliveryId, type: 'webhook.test', data: { webhook: { id: webhook.id } } });
    await expect(redeliverWebhookDelivery({ ctx: asAdmin(), input: { deliveryId } })).rejects.toBeInstanceOf(ConflictError);
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, webhook.id), eq(auditEvents.action, 'webhook.test_sent')));
    expect(audit?.after).toEqual({ deliveryId });
  });

  it('gives up after the retry limit and marks the delivery failed', async () => {
    const r = await receiver(() => ({ status: 503 }));
    receivers.push(r);
    await allowPrivate(true);
    const queue = createQueueClient(t.db);
    await queue.updateQueue(WEBHOOK_DELIVERY_QUEUE.name, { name: WEBHOOK_DELIVERY_QUEUE.name, retryLimit: 1 });
    try {
      const { webhook } = await hook(`${r.url}/down`, ['alert.opened']);
      const { deliveryId } = await sendTestDelivery({ ctx: asAdmin(), input: { webhookId: webhook.id } });
      const done = await settled(deliveryId);
      expect(done).toMatchObject({ state: 'failed', attempts: 2, lastStatusCode: 503, nextAttemptAt: null });
      expect(r.requests).toHaveLength(2);
    } finally {
      await queue.updateQueue(WEBHOOK_DELIVERY_QUEUE.name, { name: WEBHOOK_DELIVERY_QUEUE.name, retryLimit: 3 });
    }
  });

  it('survives a restart: queued while the worker is stopped, delivered by the next one', async () => {
    const r = await receiver();
    receivers.push(r);
    await allowPrivate(true);
    const { webhook } = await hook(`${r.url}/durable`, ['alert.opened']);
    await worker.stop(5_000);
    // A worker that polls rarely and hears nothing from the bus: it is stopped before it runs the job.
    const sleepy = await startWorker({ pollingIntervalSeconds: 60, bus: createMemoryBus() });
    await new Promise((res) => setTimeout(res, 300));
    const { deliveryId } = await sendTestDelivery({ ctx: asAdmin(), input: { webhookId: webhook.id } });
    await new Promise((res) => setTimeout(res, 1000));
    await sleepy.stop(5_000);
    expect(r.requests).toHaveLength(0);
    expect(await deliveryRow(deliveryId)).toMatchObject({ state: 'pending', attempts: 0 });

    worker = await startWorker(); // as after a restart
    expect(await settled(deliveryId)).toMatchObject({ state: 'succeeded', attempts: 1, lastStatusCode: 200 });
    expect(r.requests.map((q) => q.headers['modelgate-delivery'])).toEqual([deliveryId]);
  });
});

describe('outbound safety', () => {
  it('classifies addresses', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '10.0.0.5', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::', '::1', '::ffff:127.0.0.1', '::ffff:a9fe:a9fe', 'fe80::1', 'fd12:3456::1', 'ff02::1', '64:ff9b::a00:5']) {
      expect(restrictedAddressReason(a), a).not.toBeNull();
    }
    for (const a of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) expect(restrictedAddressReason(a), a).toBeNull();
    expect(restrictedAddressReason('169.254.169.254')).toMatch(/link-local/);
    expect(restrictedAddressReason('::ffff:10.1.2.3')).toMatch(/private/);
  });

  it('refuses loopback, private, metadata and localhost targets at delivery time, before connecting, and records why', async () => {
    const r = await receiver();
    receivers.push(r);
    await allowPrivate(false);
    const cases: [string, RegExp][] = [
      [`${r.url}/direct`, /Refused 127\.0\.0\.1: a loopback address/],
      ['http://10.0.0.5/hook', /Refused 10\.0\.0\.5: a private address/],
      ['http://169.254.169.254/latest/meta-data', /Refused 169\.254\.169\.254: a link-local address/],
      [`http://localhost:${r.port}/by-name`, /Refused localhost \((127\.0\.0\.1|::1)\): a loopback address/],
      ['http://[::ffff:169.254.169.254]/latest/meta-data', /Refused ::ffff:a9fe:a9fe: a link-local address/],
      ['https://internal.example.test/hook', /Refused internal\.example\.test \(10\.0\.0\.5\): a private address/],
    ];
    const before = connections.length;
    for (const [url, reason] of cases) {
      const { webhook } = await hook(url, ['alert.opened']);
      const { deliveryId } = await sendTestDelivery({ ctx: asAdmin(), input: { webhookId: webhook.id } });
      const done = await settled(deliveryId);
      expect(done, url).toMatchObject({ state: 'failed', attempts: 1, lastStatusCode: null, nextAttemptAt: null });
      expect(done?.lastError, url).toMatch(reason);
      expect(done?.lastError).toMatch(/Private targets are off/);
    }
    expect(connections.length).toBe(before);
    expect(r.requests).toHaveLength(0);
  });

  it('once private targets are allowed (audited), a refused delivery can be redelivered and arrives', async () => {
    const r = await receiver();
    receivers.push(r);
    await allowPrivate(false);
    const { webhook } = await hook(`${r.url}/on-prem`, ['alert.opened']);
    const { deliveryId } = await sendTestDelivery({ ctx: asAdmin(), input: { webhookId: webhook.id } });
    expect(await settled(deliveryId)).toMatchObject({ state: 'failed' });
    await setWebhookSettings({ ctx: asAdmin(), input: { allowPrivateTargets: true, reason: 'receivers on the plant network' } });
    await expect(setWebhookSettings({ ctx: contextFor(t.db, ops), input: { allowPrivateTargets: false } })).rejects.toBeInstanceOf(ForbiddenError);
    const [setting] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'webhook_settings.updated')).orderBy(desc(auditEvents.seq)).limit(1);
    expect(setting).toMatchObject({ actorId: admin.id, before: { allowPrivateTargets: false }, after: { allowPrivateTargets: true }, reason: 'receivers on the plant network' });

    await redeliverWebhookDelivery({ ctx: asAdmin(), input: { deliveryId } });
    expect(await settled(deliveryId)).toMatchObject({ state: 'succeeded', attempts: 2, lastStatusCode: 200, lastError: null });
    expect(r.requests.map((q) => q.headers['modelgate-delivery'])).toEqual([deliveryId]);
    const [redelivered] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'webhook.redelivered'));
    expect(redelivered?.after).toMatchObject({ deliveryId });
  });

  it('re-checks every redirect: a public URL redirecting to loopback or metadata never reaches it', async () => {
    const target = await receiver();
    receivers.push(target);
    const hops = [`http://127.0.0.1:${target.port}/pwned`, 'http://169.254.169.254/latest/meta-data/iam', 'http://internal.example.test/admin', `http://[::1]:${target.port}/pwned`];
    publicStandIn = await receiver((n) => ({ status: 302, headers: { location: hops[n] ?? '/' } }));
    publicNames.set('hooks.example.com', PUBLIC_IP);
    for (const hop of hops) {
      const before = connections.length;
      const refused = await postFollowingRedirects('https://hooks.example.com/in', { headers: { 'content-type': 'application/json' }, body: '{}' }, { allowPrivate: false, resolve: testResolver, send: spySender }).catch((e: unknown) => e);
      expect(refused, hop).toBeInstanceOf(TargetRefusedError);
      expect((refused as Error).message).toMatch(/Refused .*(loopback|link-local|private)/);
      // One connection only: to the public address (carried to the stand-in), none to the redirect target.
      expect(connections.slice(before).map((c) => c.address)).toEqual([PUBLIC_IP]);
    }
    expect(target.requests).toHaveLength(0);
    expect(publicStandIn.requests).toHaveLength(hops.length);
  });

  it('records a redirect refusal on the delivery', async () => {
    const target = await receiver();
    receivers.push(target);
    await allowPrivate(false);
    await publicStandIn?.close();
    publicStandIn = await receiver(() => ({ status: 307, headers: { location: `http://127.0.0.1:${target.port}/pwned` } }));
    publicNames.set('ci.example.com', PUBLIC_IP);
    const { webhook } = await hook('https://ci.example.com/modelgate', ['alert.opened']);
    const { deliveryId } = await sendTestDelivery({ ctx: asAdmin(), input: { webhookId: webhook.id } });
    const done = await settled(deliveryId);
    expect(done).toMatchObject({ state: 'failed', attempts: 1 });
    expect(done?.lastError).toMatch(/Refused 127\.0\.0\.1: a loopback address/);
    expect(publicStandIn.requests).toHaveLength(1);
    expect(target.requests).toHaveLength(0);
  });

  it('follows at most five redirects, and gives up on a receiver that does not answer in time', async () => {
    const loop = await receiver((n) => ({ status: 301, headers: { location: `/again/${n + 1}` } }));
    receivers.push(loop);
    await expect(postFollowingRedirects(`${loop.url}/start`, { headers: {}, body: '{}' }, { allowPrivate: true, resolve: testResolver, send: spySender })).rejects.toThrow(/Too many redirects \(more than 5\)/);
    expect(loop.requests).toHaveLength(6);

    const slow = await receiver(() => 'hang');
    receivers.push(slow);
    const started = Date.now();
    await expect(postFollowingRedirects(`${slow.url}/slow`, { headers: {}, body: '{}' }, { allowPrivate: true, resolve: testResolver, send: spySender, timeoutMs: 300 })).rejects.toThrow(/No response within 0\.3 s/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
