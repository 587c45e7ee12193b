// The REST upload routes under a byte limit, called as Next calls them: a chunked body with no
// Content-Length is cut off and refused with 413 once it passes the limit, and nothing is stored.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditEvents, blobs, datasets, modelVersions } from '@/server/db/schema';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { creditCsv, tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import { createApiToken } from '@/server/services/api-tokens/tokens';
import { createVersion } from '@/server/services/catalog/create-version';
import { registerModel } from '@/server/services/catalog/register-model';
import type { SessionUser } from '@/server/services/context';

// The route handlers reach the app's database through getDb(); here that is the test database.
const holder = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('@/server/db/client', () => ({ getDb: () => holder.db }));
vi.mock('@/server/env', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/server/env')>();
  // Small limits keep the over-limit bodies small: (1 + 1) MiB of payload plus 1 MiB for the form.
  return { env: { ...actual.env, DATABASE_URL: undefined, MAX_ARTIFACT_MB: 1, MAX_DATASET_MB: 1 } };
});

const { POST: postVersion } = await import('@/app/api/v1/models/[model]/versions/route');
const { POST: postReferenceDataset } = await import('@/app/api/v1/models/[model]/versions/[version]/reference-dataset/route');

const LIMIT = 3 * 1024 * 1024;
const CHUNK = 64 * 1024;
const BOUNDARY = 'modelgate-test-boundary';

let t: TestDatabase;
let scientist: SessionUser;
let token: string;
let modelId: string;

beforeAll(async () => {
  t = await freshDatabase();
  holder.db = t.db;
  scientist = await createUserWithSession(t.db, ['data_scientist']);
  token = (await createApiToken({ ctx: contextFor(t.db, scientist), input: { name: 'CI: upload limits' } })).token;
  const model = await registerModel({ ctx: contextFor(t.db, scientist), input: { name: 'Upload Limits', ownerTeam: 'Platform', taskType: 'binary_classification', riskTier: 'low' } });
  modelId = model.id;
  await createVersion({ ctx: contextFor(t.db, scientist), input: { modelId, files: tfjsModelFiles().files, metadata: {} } });
});
afterAll(async () => t.close());

/** A multipart body that never ends on its own: one part's header, then filler, pulled on demand. */
function endlessUpload(part: string, filename: string, total: number) {
  const probe = { pulled: 0, cancelled: false };
  const head = new TextEncoder().encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  let sentHead = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = sentHead ? new Uint8Array(CHUNK).fill(97) : head;
      sentHead = true;
      probe.pulled += chunk.byteLength;
      controller.enqueue(chunk);
      if (probe.pulled >= total) controller.close();
    },
    cancel() {
      probe.cancelled = true;
    },
  });
  return { body, probe };
}

const post = (body: ReadableStream<Uint8Array>, contentType = `multipart/form-data; boundary=${BOUNDARY}`) =>
  new Request('http://modelgate.test/api/v1/upload', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body, duplex: 'half' } as RequestInit);

const params = (version?: number) => ({ params: Promise.resolve({ model: modelId, version: String(version ?? 1) }) });

async function counts() {
  const n = async (table: typeof blobs | typeof datasets | typeof modelVersions | typeof auditEvents) => (await t.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]?.n ?? 0;
  return { blobs: await n(blobs), datasets: await n(datasets), versions: await n(modelVersions), audit: await n(auditEvents) };
}

describe('upload size limit while streaming', () => {
  it('refuses a new version with no Content-Length once the body passes the limit, without reading the rest, and stores nothing', async () => {
    const before = await counts();
    const total = 64 * 1024 * 1024;
    const { body, probe } = endlessUpload('files', 'group1-shard1of1.bin', total);
    const req = post(body);
    expect(req.headers.get('content-length')).toBeNull();
    const res = await postVersion(req, params());
    expect(res.status).toBe(413);
    const json = (await res.json()) as { error: { message: string; details: { rule: string } } };
    expect(json.error.details.rule).toBe('too_large');
    expect(json.error.message).toMatch(/limit is 1 MiB of model files plus 1 MiB of reference data/);
    // Cut off just past the limit (the parser may hold a few chunks), not read to the end.
    expect(probe.pulled).toBeGreaterThan(LIMIT);
    expect(probe.pulled).toBeLessThan(LIMIT + 16 * CHUNK);
    expect(probe.cancelled).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('refuses a reference dataset streamed past the limit and leaves the version as it was', async () => {
    const before = await counts();
    const { body, probe } = endlessUpload('referenceDataset', 'reference.csv', 32 * 1024 * 1024);
    const res = await postReferenceDataset(post(body), params(1));
    expect(res.status).toBe(413);
    expect(probe.cancelled).toBe(true);
    expect(await counts()).toEqual(before);
    const [v] = await t.db.select({ referenceDatasetId: modelVersions.referenceDatasetId }).from(modelVersions).where(eq(modelVersions.modelId, modelId));
    expect(v?.referenceDatasetId).toBeNull();
  });

  it('still accepts a chunked upload under the limit', async () => {
    const form = new FormData();
    form.append('referenceDataset', new Blob([creditCsv(30)], { type: 'text/csv' }), 'reference.csv');
    const encoded = new Response(form);
    const contentType = encoded.headers.get('content-type') ?? '';
    const res = await postReferenceDataset(post(encoded.body as ReadableStream<Uint8Array>, contentType), params(1));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ name: 'reference.csv', rowCount: 30 });
  });

  it('refuses a declared Content-Length over the limit before reading anything', async () => {
    const { body, probe } = endlessUpload('files', 'model.json', 8 * 1024 * 1024);
    const req = new Request('http://modelgate.test/api/v1/upload', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': String(LIMIT + 1) },
      body,
      duplex: 'half',
    } as RequestInit);
    const res = await postVersion(req, params());
    expect(res.status).toBe(413);
    expect(probe.pulled).toBeLessThanOrEqual(CHUNK + 1024);
  });
});
