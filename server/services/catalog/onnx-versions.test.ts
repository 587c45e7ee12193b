// Registering ONNX and opaque versions through the same verb as TF.js: what is stored, what is
// recorded, and that a refused upload stores nothing.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { desc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, blobs, modelVersions } from '@/server/db/schema';
import { readAll } from '@/server/artifacts/store';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import type { SessionUser } from '../context';
import { createVersion } from './create-version';
import { openVersionFile } from './download';
import { getVersion } from './get-version';
import { registerModel } from './register-model';
import { updateVersionMetadata } from './update-version-metadata';

let t: TestDatabase;
let scientist: SessionUser;
beforeAll(async () => {
  t = await freshDatabase();
  scientist = await createUserWithSession(t.db, ['data_scientist'], { name: 'Sam Scientist' });
});
afterAll(async () => t.close());

const ctx = () => contextFor(t.db, scientist);
const onnx = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(__dirname, '..', '..', 'artifacts', 'fixtures', 'onnx', name))) });
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const count = async (table: typeof auditEvents | typeof blobs | typeof modelVersions) => (await t.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]?.n ?? 0;
const model = (name: string) => registerModel({ ctx: ctx(), input: { name, ownerTeam: 'Credit Risk', taskType: 'binary_classification', riskTier: 'high' } });
const OUTPUT = { target: 'defaulted', classLabels: ['no', 'yes'], positiveClass: 'yes' };
const numeric = (name: string) => ({ name, type: 'numeric' as const });
const SCHEMA3 = { features: [numeric('a'), numeric('b'), numeric('c')] };
const spec = (features: string[]) => ({ steps: features.map((feature) => ({ feature, kind: 'passthrough' as const })), missingNumeric: { strategy: 'mean' as const } });

describe('ONNX versions', () => {
  it('stores the .onnx and its external data by digest, records the graph, and audits the files', async () => {
    const m = await model('Credit ONNX');
    const files = [onnx('external.onnx'), onnx('weights.bin')];
    const v = await createVersion({ ctx: ctx(), input: { modelId: m.id, files, metadata: { outputSchema: OUTPUT, inputSchema: SCHEMA3, preprocessing: spec(['a', 'b', 'c']) } } });
    const page = await getVersion({ ctx: ctx(), input: { modelId: m.id, version: v.version } });
    expect(page.format).toBe('onnx');
    expect(page.artifactInfo).toMatchObject({ kind: 'onnx', producerName: 'pytorch', opsets: [{ domain: 'ai.onnx', version: 17 }], inputs: [{ name: 'float_input', shape: ['N', 3] }] });
    expect(page.rawFeatureInputs).toBeNull();
    expect(page.files.map((f) => [f.name, f.role, f.sha256])).toEqual(files.map((f, i) => [f.name, i === 0 ? 'model' : 'weights', sha(f.bytes)]));
    const audit = (await t.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(5)).find((a) => a.action === 'version.created');
    expect(audit?.after).toMatchObject({ format: 'onnx', files: files.map((f) => ({ name: f.name, sha256: sha(f.bytes) })) });
    const download = await openVersionFile({ ctx: ctx(), input: { modelId: m.id, version: v.version, file: 'weights.bin' } });
    expect(await readAll(download.stream)).toEqual(files[1]!.bytes);
  });

  it('refuses a preprocessing spec whose width is not the graph input’s, storing nothing', async () => {
    const m = await model('Width Check');
    const before = { versions: await count(modelVersions), blobs: await count(blobs), audit: await count(auditEvents) };
    const attempt = createVersion({
      ctx: ctx(),
      input: { modelId: m.id, files: [onnx('linear.onnx')], metadata: { outputSchema: OUTPUT, inputSchema: { features: [...SCHEMA3.features, numeric('d')] }, preprocessing: spec(['a', 'b', 'c', 'd']) } },
    });
    await expect(attempt).rejects.toMatchObject({ details: { rule: 'onnx_input_width' } });
    await expect(createVersion({ ctx: ctx(), input: { modelId: m.id, files: [onnx('custom-domain.onnx')], metadata: {} } })).rejects.toMatchObject({ details: { rule: 'onnx_custom_domain' } });
    expect({ versions: await count(modelVersions), blobs: await count(blobs), audit: await count(auditEvents) }).toEqual(before);
  });

  it('records the raw-feature mapping of a graph with one named input per feature, and refuses a preprocessing spec for it', async () => {
    const m = await model('Per Feature');
    const schema = { features: [numeric('age'), numeric('income')] };
    const v = await createVersion({ ctx: ctx(), input: { modelId: m.id, files: [onnx('per-feature.onnx')], metadata: { outputSchema: OUTPUT, inputSchema: schema } } });
    expect((await getVersion({ ctx: ctx(), input: { modelId: m.id, version: v.version } })).rawFeatureInputs).toEqual([
      { feature: 'age', input: 'age', elemType: 'float32', rank: 2 },
      { feature: 'income', input: 'income', elemType: 'float32', rank: 2 },
    ]);
    await expect(createVersion({ ctx: ctx(), input: { modelId: m.id, files: [onnx('per-feature.onnx')], metadata: { inputSchema: schema, preprocessing: spec(['age', 'income']) } } })).rejects.toMatchObject({
      details: { rule: 'onnx_raw_inputs_with_preprocessing' },
    });
    await expect(createVersion({ ctx: ctx(), input: { modelId: m.id, files: [onnx('per-feature.onnx')], metadata: { inputSchema: { features: [numeric('age'), numeric('salary')] } } } })).rejects.toMatchObject({
      details: { rule: 'onnx_raw_input_mismatch', inputs: ['income'] },
    });
  });

  describe('a graph with one named input per feature of every kind (raw-credit.onnx: float [N,1], double [N,1], int64 [N], string [N,1])', () => {
    const categorical = (name: string, categories: string[]) => ({ name, type: 'categorical' as const, categories });
    const RAW = [numeric('age'), numeric('annual_income'), numeric('late_payments_12m'), categorical('region', ['north', 'south', 'east', 'west', 'central'])];
    const register = async (inputSchema: unknown, extra: Record<string, unknown> = {}) => {
      const m = await model(`Raw ${Math.random().toString(36).slice(2, 8)}`);
      return createVersion({ ctx: ctx(), input: { modelId: m.id, files: [onnx('raw-credit.onnx')], metadata: { outputSchema: OUTPUT, ...(inputSchema ? { inputSchema } : {}), ...extra } } }).then((v) => ({ m, v }));
    };
    const refusal = (attempt: Promise<unknown>) =>
      attempt.then(
        () => {
          throw new Error('expected a refusal');
        },
        (e: { message: string; details?: Record<string, unknown> }) => ({ message: e.message, ...e.details }),
      );

    it('is accepted with each input named after a feature of a compatible type, more features in the schema than inputs', async () => {
      const { m, v } = await register({ features: [...RAW, numeric('debt_to_income'), categorical('home_ownership', ['rent', 'own'])] });
      expect((await getVersion({ ctx: ctx(), input: { modelId: m.id, version: v.version } })).rawFeatureInputs).toEqual([
        { feature: 'age', input: 'age', elemType: 'float32', rank: 2 },
        { feature: 'annual_income', input: 'annual_income', elemType: 'float64', rank: 2 },
        { feature: 'late_payments_12m', input: 'late_payments_12m', elemType: 'int64', rank: 1 },
        { feature: 'region', input: 'region', elemType: 'string', rank: 2 },
      ]);
    });

    it('is refused, naming every input whose feature is missing or of another type, storing nothing', async () => {
      const before = { versions: await count(modelVersions), blobs: await count(blobs) };
      const swapped = await refusal(register({ features: [categorical('age', ['young', 'old']), numeric('annual_income'), numeric('late_payments_12m'), numeric('region')] }));
      expect(swapped).toMatchObject({ rule: 'onnx_raw_input_mismatch', inputs: ['age', 'region'] });
      expect(swapped.message).toMatch(/“age” is float32 but the feature is categorical/);
      expect(swapped.message).toMatch(/“region” is string but the feature is numeric/);
      const missing = await refusal(register({ features: [numeric('age'), numeric('annual_income'), RAW[3]] }));
      expect(missing).toMatchObject({ rule: 'onnx_raw_input_mismatch', inputs: ['late_payments_12m'] });
      expect(missing.message).toMatch(/“late_payments_12m” is not a feature of the input schema/);
      expect({ versions: await count(modelVersions), blobs: await count(blobs) }).toEqual(before);
    });

    it('is refused when an input is not [N, 1] or [N], naming it and its shape', async () => {
      const m = await model('Bad shapes');
      const shapes = await refusal(createVersion({ ctx: ctx(), input: { modelId: m.id, files: [onnx('per-feature-bad-shapes.onnx')], metadata: { inputSchema: { features: [numeric('age'), numeric('income')] } } } }));
      expect(shapes).toMatchObject({ rule: 'onnx_raw_input_mismatch', inputs: ['age', 'income'] });
      expect(shapes.message).toContain('“age” has the shape [N, 2], not [N, 1] or [N]');
      expect(shapes.message).toContain('“income” has the shape [N, 1, 1]');
    });

    it('keeps its mapping true afterwards: no preprocessing spec can be added, and a new input schema must still match every input', async () => {
      const { m, v } = await register({ features: RAW });
      const update = (changes: Record<string, unknown>) => refusal(updateVersionMetadata({ ctx: ctx(), input: { modelId: m.id, version: v.version, ...changes } }));
      expect(await update({ preprocessing: spec(['age']) })).toMatchObject({ rule: 'onnx_raw_inputs_with_preprocessing' });
      expect(await update({ inputSchema: { features: [numeric('age'), numeric('annual_income'), numeric('late_payments_12m'), numeric('region')] } })).toMatchObject({ rule: 'onnx_raw_input_mismatch', inputs: ['region'] });
      await updateVersionMetadata({ ctx: ctx(), input: { modelId: m.id, version: v.version, inputSchema: { features: [...RAW, numeric('debt_to_income')] } } });
    });

    it('is refused without an input schema to map its inputs to, or with a preprocessing spec', async () => {
      expect(await refusal(register(null))).toMatchObject({ rule: 'onnx_raw_inputs_without_schema', message: expect.stringContaining('“late_payments_12m”') });
      expect(await refusal(register({ features: RAW }, { preprocessing: spec(['age']) }))).toMatchObject({ rule: 'onnx_raw_inputs_with_preprocessing' });
    });
  });
});

describe('opaque versions', () => {
  it('stores a pickle byte for byte when declared “other”, marked opaque, and refuses it undeclared', async () => {
    const m = await model('Pickled');
    // A pickle that would run os.system("touch /tmp/pwned") if anything ever unpickled it.
    const pickle = new TextEncoder().encode("cos\nsystem\n(S'touch /tmp/modelgate-pickle-ran'\ntR.");
    await expect(createVersion({ ctx: ctx(), input: { modelId: m.id, files: [{ name: 'model.pkl', bytes: pickle }], metadata: {} } })).rejects.toMatchObject({ details: { rule: 'unknown_format' } });
    const v = await createVersion({ ctx: ctx(), input: { modelId: m.id, files: [{ name: 'model.pkl', bytes: pickle }], metadata: { artifactFormat: 'other', outputSchema: OUTPUT } } });
    const page = await getVersion({ ctx: ctx(), input: { modelId: m.id, version: v.version } });
    expect(page).toMatchObject({ format: 'opaque', artifactInfo: { kind: 'opaque', detected: 'pickle' }, contentDigest: sha(new TextEncoder().encode(`model.pkl\t${sha(pickle)}\n`)) });
    const download = await openVersionFile({ ctx: ctx(), input: { modelId: m.id, version: v.version, file: 'model.pkl' } });
    expect(await readAll(download.stream)).toEqual(pickle);
  });
});
