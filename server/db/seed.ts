// The demo workspace: one person per role. Runs only on a database with no users at all.
import 'server-only';
import { randomBytes } from 'node:crypto';
import { count, sql } from 'drizzle-orm';
import { hashPassword } from '@/server/auth/password';
import type { Role } from '@/lib/roles';
import { emitAudit } from '@/server/audit/emit';
import { createMemoryBus } from '@/server/events/memory-bus';
import type { ServiceContext } from '@/server/services/context';
import type { Database } from './connect';
import { users } from './schema';

const DEMO_USERS: { email: string; name: string; roles: Role[] }[] = [
  { email: 'admin@modelgate.local', name: 'Ada Admin', roles: ['admin'] },
  { email: 'scientist@modelgate.local', name: 'Sam Scientist', roles: ['data_scientist'] },
  { email: 'approver@modelgate.local', name: 'Avery Approver', roles: ['approver'] },
  { email: 'risk@modelgate.local', name: 'Riley Risk', roles: ['risk_reviewer'] },
  { email: 'ops@modelgate.local', name: 'Olive Ops', roles: ['ops'] },
  { email: 'auditor@modelgate.local', name: 'Aubrey Auditor', roles: ['auditor'] },
];

export type SeededUser = { id: string; email: string; name: string; roles: Role[]; password: string };

export async function seedDemoIfEmpty(db: Database, options: { password?: string } = {}): Promise<SeededUser[] | null> {
  const ctx: ServiceContext = { db, bus: createMemoryBus(), user: null, request: { requestId: 'seed', ip: null, userAgent: 'modelgate-seed' } };
  return db.transaction(async (tx) => {
    // Serialise concurrent starts: only the first instance seeds.
    await tx.execute(sql`select pg_advisory_xact_lock(424242)`);
    const [row] = await tx.select({ n: count() }).from(users);
    if ((row?.n ?? 0) > 0) return null;
    const seeded: SeededUser[] = [];
    for (const demo of DEMO_USERS) {
      const password = options.password ?? randomBytes(9).toString('base64url');
      const passwordHash = await hashPassword(password);
      const [user] = await tx.insert(users).values({ ...demo, passwordHash }).returning({ id: users.id });
      if (!user) throw new Error('seed insert failed');
      await emitAudit(tx, ctx, {
        action: 'user.created',
        entityType: 'user',
        entityId: user.id,
        after: { email: demo.email, name: demo.name, roles: demo.roles, disabled: false },
        reason: 'Demo workspace created on first start',
      });
      seeded.push({ id: user.id, ...demo, password });
    }
    return seeded;
  });
}
