// What every test of a refused verification checks, as an auditor would: the save is refused with a
// ValidationError, no evaluation is stored, and the refusal is the newest audit row.
import { desc, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Database } from '@/server/db/connect';
import { auditEvents, evaluations } from '@/server/db/schema';
import { ValidationError } from '@/server/errors';

export async function expectVerificationRefused(db: Database, save: (input: unknown) => Promise<unknown>, input: unknown, audited: Record<string, unknown>) {
  const count = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(evaluations))[0]?.n ?? 0;
  const before = await count();
  const error = await save(input).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  expect(await count()).toBe(before);
  const [audit] = await db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  expect(audit).toMatchObject({ action: 'evaluation.verification_failed', ...audited });
  return { error: error as ValidationError, audit: audit! };
}
