// Every procedure declares who may call it, and every refused role is refused.
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@/lib/roles';
import type { SessionUser } from '@/server/services/context';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { createCallerFactory, type Access } from './init';
import { appRouter } from './routers/_app';

type ProcedureDef = { type: 'query' | 'mutation' | 'subscription'; meta?: { access?: Access } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>).map(([path, p]) => ({
  path,
  type: p._def.type,
  access: p._def.meta?.access,
}));

const createCaller = createCallerFactory(appRouter);

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
  it('every procedure declares public, protected or the roles it allows', () => {
    expect(procedures.length).toBeGreaterThan(5);
    const undeclared = procedures.filter((p) => !p.access).map((p) => p.path);
    expect(undeclared).toEqual([]);
  });

  describe('role matrix', () => {
    let t: TestDatabase;
    const byRole = new Map<Role, SessionUser>();
    beforeAll(async () => {
      t = await freshDatabase();
      for (const role of ROLES) byRole.set(role, await createUserWithSession(t.db, [role]));
    });
    afterAll(async () => t.close());

    for (const p of procedures.filter((x) => x.access?.kind !== 'public')) {
      it(`${p.path} refuses anonymous callers`, async () => {
        expect(await call(null, p.path, t.db)).toBe('UNAUTHORIZED');
      });
    }

    for (const p of procedures.filter((x) => x.access?.kind === 'roles')) {
      const allowed = p.access?.kind === 'roles' ? p.access.roles : [];
      for (const role of ROLES) {
        const expectation = allowed.includes(role) ? 'gets past the access check' : 'gets FORBIDDEN';
        it(`${p.path}: ${role} ${expectation}`, async () => {
          const code = await call(byRole.get(role) ?? null, p.path, t.db);
          if (allowed.includes(role)) expect(code).not.toMatch(/FORBIDDEN|UNAUTHORIZED/);
          else expect(code).toBe('FORBIDDEN');
        });
      }
    }
  });
});
