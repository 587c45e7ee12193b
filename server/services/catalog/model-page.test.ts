// The model page's versions: each with its newest release request (state, alias, reference) and the
// aliases it holds, read with the versions themselves; release requests only for people with a role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import type { SessionUser } from '../context';
import { createReleaseRequest, withdrawReleaseRequest } from '../releases/request-release';
import { createVersion } from './create-version';
import { getModel } from './get-model';
import { registerModel } from './register-model';
import { setAlias } from './set-alias';

let t: TestDatabase;
let scientist: SessionUser;
let auditor: SessionUser;
let newcomer: SessionUser;
let modelId: string;

const ask = (version: number, alias: 'staging' | 'production', submit = true) =>
  createReleaseRequest({
    ctx: contextFor(t.db, scientist),
    input: { modelId, version, alias, changeSummary: `Ship v${version}`, expectedImpact: 'Fewer false declines.', rollbackPlan: 'Roll back.', submit },
  });

beforeAll(async () => {
  t = await freshDatabase();
  scientist = await createUserWithSession(t.db, ['data_scientist']);
  auditor = await createUserWithSession(t.db, ['auditor']);
  newcomer = await createUserWithSession(t.db, []);
  const model = await registerModel({ ctx: contextFor(t.db, scientist), input: { name: 'Release States', ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'low' } });
  modelId = model.id;
  for (let seed = 1; seed <= 3; seed++) {
    await createVersion({ ctx: contextFor(t.db, scientist), input: { modelId, files: tfjsModelFiles({ seed }).files, metadata: { outputSchema: { target: 'y', classLabels: ['no', 'yes'] } } } });
  }
});
afterAll(async () => t.close());

describe('the model page’s versions', () => {
  it('carry each version’s newest release request and the aliases it holds', async () => {
    const first = await ask(1, 'production');
    await withdrawReleaseRequest({ ctx: contextFor(t.db, scientist), input: { requestId: first.id, reason: 'Wrong alias.' } });
    const second = await ask(1, 'staging');
    const draft = await ask(2, 'production', false);
    await setAlias({ ctx: contextFor(t.db, scientist), input: { modelId, alias: 'champion', version: 2 } });
    await setAlias({ ctx: contextFor(t.db, scientist), input: { modelId, alias: 'challenger', version: 2 } });

    const page = await getModel({ ctx: contextFor(t.db, auditor), input: { modelId } });
    const byVersion = Object.fromEntries(page.versions.map((v) => [v.version, v]));
    expect(byVersion[1]?.release).toEqual({ id: second.id, reference: `REL-${second.number}`, kind: 'release', alias: 'staging', state: 'pending' });
    expect(byVersion[1]?.submittedAt).not.toBeNull();
    expect(byVersion[2]?.release).toMatchObject({ id: draft.id, alias: 'production', state: 'draft' });
    expect(byVersion[2]?.aliases).toEqual(['challenger', 'champion']);
    expect(byVersion[3]).toMatchObject({ release: null, aliases: [] });
    // Still one row per version, newest first, however many requests a version has had.
    expect(page.versions.map((v) => v.version)).toEqual([3, 2, 1]);
  });

  it('show no release requests to someone signed in without a role', async () => {
    const page = await getModel({ ctx: contextFor(t.db, newcomer), input: { modelId } });
    expect(page.versions.map((v) => v.release)).toEqual([null, null, null]);
    expect(page.versions.find((v) => v.version === 2)?.aliases).toEqual(['challenger', 'champion']);
  });
});
