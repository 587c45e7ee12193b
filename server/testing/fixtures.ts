// People and contexts for service and router tests: real rows in the test database.
import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { Role } from '@/lib/roles';
import type { Database } from '@/server/db/connect';
import { users } from '@/server/db/schema';
import { createSession } from '@/server/auth/sessions';
import { createMemoryBus } from '@/server/events/memory-bus';
import type { EventBus } from '@/server/events/types';
import type { IngestionKeyActor, ServiceContext, SessionUser } from '@/server/services/context';

// Cheap argon2id parameters keep the suite fast; the production parameters live in server/auth/password.ts.
const hashForTest = (password: string) => hash(password, { memoryCost: 1024, timeCost: 1, parallelism: 1 });

export function contextFor(db: Database, user: SessionUser | null, bus: EventBus = createMemoryBus()): ServiceContext {
  return { db, bus, user, request: { requestId: `test-${randomUUID()}`, ip: '198.51.100.7', userAgent: 'vitest' } };
}

/** A context whose actor is a deployment's ingestion key, as the machine edge builds it. */
export function keyContextFor(db: Database, key: IngestionKeyActor, bus: EventBus = createMemoryBus()): ServiceContext {
  return { ...contextFor(db, null, bus), ingestionKey: key };
}

let counter = 0;
export async function createUserWithSession(
  db: Database,
  roles: Role[],
  options: { email?: string; name?: string; password?: string } = {},
): Promise<SessionUser> {
  counter += 1;
  const email = options.email ?? `user${counter}-${randomUUID().slice(0, 8)}@test.modelgate.local`;
  const name = options.name ?? `Test ${roles.join('+') || 'nobody'} ${counter}`;
  const [row] = await db
    .insert(users)
    .values({ email, name, roles, passwordHash: options.password ? await hashForTest(options.password) : null })
    .returning();
  if (!row) throw new Error('user insert failed');
  const sessionId = await createSession(db, row.id, 'credentials', { requestId: 'fixture', ip: null, userAgent: null });
  return { id: row.id, email: row.email, name: row.name, roles: row.roles, sessionId };
}
