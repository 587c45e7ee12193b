import 'server-only';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from './connect';
import { appSettings } from './schema';

/**
 * The session-signing secret when NEXTAUTH_SECRET is not given: generated once and kept in the
 * database, so every app instance on the same database signs and reads the same sessions.
 */
export async function ensureSessionSecret(db: Database): Promise<string> {
  await db
    .insert(appSettings)
    .values({ key: 'nextauth_secret', value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, 'nextauth_secret'));
  if (!row) throw new Error('could not read the session secret');
  return row.value;
}
