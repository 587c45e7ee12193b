// Every tRPC procedure, called by nobody, by a person with no role and by each role, against the
// hand-written table in server/testing/access-table.ts (not the permission map the code enforces).
import { TRPCError } from '@trpc/server';
import { ForbiddenError } from '@/server/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '@/lib/roles';
import type { SessionUser } from '@/server/services/context';
import { PROCEDURE_ACCESS, type Actor } from '@/server/testing/access-table';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { createComment, reactToComment } from '@/server/services/collaboration/comments/write';
import { attachReferenceDataset } from '@/server/services/catalog/attach-reference-dataset';
import { createVersion } from '@/server/services/catalog/create-version';
import { registerModel } from '@/server/services/catalog/register-model';
import { setAlias } from '@/server/services/catalog/set-alias';
import { updateModel } from '@/server/services/catalog/update-model';
import { updateVersionMetadata } from '@/server/services/catalog/update-version-metadata';
import type { VerbArgs } from '@/server/services/context';
import { saveEvaluation } from '@/server/services/evaluations/save-evaluation';
import { acknowledgeAlert } from '@/server/services/monitoring/alerts/workflow';
import { createAlertRule } from '@/server/services/monitoring/alerts/rules';
import { createDeployment } from '@/server/services/monitoring/deployments';
import { createIngestionKey } from '@/server/services/monitoring/ingestion-keys';
import { addReleaseComment } from '@/server/services/releases/comments';
import { setModelReleaseRules, setTierPolicy } from '@/server/services/releases/policies';
import { releaseApproved } from '@/server/services/releases/release';
import { requestReReview } from '@/server/services/releases/re-review';
import { createReleaseRequest } from '@/server/services/releases/request-release';
import { rollbackAlias } from '@/server/services/releases/rollback';
import { signDecision } from '@/server/services/releases/sign-decision';
import { createUser } from '@/server/services/users/create-user';
import { setUserRoles } from '@/server/services/users/set-user-roles';
import { createWebhook } from '@/server/services/webhooks/manage';
import { createCallerFactory, type Access } from './init';
import { appRouter } from './routers/_app';

type ProcedureDef = { type: 'query' | 'mutation' | 'subscription'; meta?: { access?: Access } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>).map(([path, p]) => ({
  path,
  access: p._def.meta?.access,
}));

const createCaller = createCallerFactory(appRouter);
const PEOPLE = ['no_role', ...ROLES] as const;

async function call(user: SessionUser | null, path: string, db: TestDatabase['db']): Promise<string> {
  const caller = createCaller(contextFor(db, user)) as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;
  const [router, name] = path.split('.') as [string, string];
  const fn = caller[router]?.[name];
  if (!fn) throw new Error(`no procedure ${path}`);
  try {
    const result = await fn({});
    // Subscriptions hand back an async iterable; starting it is where access is checked.
    if (result && typeof result === 'object' && Symbol.asyncIterator in result) await (result as AsyncIterableIterator<unknown>).return?.();
    return 'OK';
  } catch (err) {
    return err instanceof TRPCError ? err.code : 'THROWN';
  }
}

describe('access rules', () => {
  it('every procedure has a row in the hand-written table, and every row a procedure', () => {
    expect(procedures.length).toBeGreaterThan(5);
    expect(procedures.filter((p) => !(p.path in PROCEDURE_ACCESS)).map((p) => p.path)).toEqual([]);
    expect(Object.keys(PROCEDURE_ACCESS).filter((path) => !procedures.some((p) => p.path === path))).toEqual([]);
  });

  it('every procedure declares public or the capabilities it needs', () => {
    expect(procedures.filter((p) => !p.access).map((p) => p.path)).toEqual([]);
  });

  describe('as nobody and as every role', () => {
    let t: TestDatabase;
    const people = new Map<(typeof PEOPLE)[number], SessionUser>();
    beforeAll(async () => {
      t = await freshDatabase();
      for (const who of PEOPLE) people.set(who, await createUserWithSession(t.db, who === 'no_role' ? [] : [who]));
    });
    afterAll(async () => t.close());

    for (const p of procedures) {
      const rule = PROCEDURE_ACCESS[p.path];
      if (!rule) continue;
      it(`${p.path}: nobody ${rule === 'public' ? 'gets in' : 'gets UNAUTHORIZED'}`, async () => {
        const code = await call(null, p.path, t.db);
        if (rule === 'public') expect(code).not.toMatch(/FORBIDDEN|UNAUTHORIZED/);
        else expect(code).toBe('UNAUTHORIZED');
      });
      for (const who of PEOPLE) {
        const allowed = rule === 'public' || rule.includes(who as Actor);
        it(`${p.path}: ${who} ${allowed ? 'gets past the access check' : 'gets FORBIDDEN'}`, async () => {
          const code = await call(people.get(who) ?? null, p.path, t.db);
          if (allowed) expect(code).not.toMatch(/FORBIDDEN|UNAUTHORIZED|THROWN|INTERNAL_SERVER_ERROR/);
          else expect(code).toBe('FORBIDDEN');
        });
      }
    }
  });

  // REST routes and the UI reach these verbs without the router: each refuses the auditor itself.
  describe('service verbs refuse the auditor on their own', () => {
    // Typed inputs (uploads) are handed {} on purpose: the refusal comes before the input is read.
    const verbs = {
      saveEvaluation, registerModel, updateModel, createVersion, updateVersionMetadata, attachReferenceDataset, setAlias,
      createReleaseRequest, signDecision, releaseApproved, rollbackAlias, requestReReview, addReleaseComment,
      setTierPolicy, setModelReleaseRules, createComment, reactToComment, createDeployment, createIngestionKey,
      createAlertRule, acknowledgeAlert, createUser, setUserRoles, createWebhook,
    } as unknown as Record<string, (args: VerbArgs<unknown>) => Promise<unknown>>;
    let t: TestDatabase;
    let auditor: SessionUser;
    beforeAll(async () => {
      t = await freshDatabase();
      auditor = await createUserWithSession(t.db, ['auditor']);
    });
    afterAll(async () => t.close());
    for (const [name, verb] of Object.entries(verbs)) {
      it(`${name} refuses an auditor`, async () => {
        await expect(verb({ ctx: contextFor(t.db, auditor), input: {} })).rejects.toThrow(ForbiddenError);
      });
    }
  });
});
