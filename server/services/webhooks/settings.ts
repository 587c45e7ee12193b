// The instance-wide webhook setting: may webhooks target private, loopback and link-local
// addresses (on-premise installs whose receivers live on the internal network)? Off by default.
import 'server-only';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/server/db/connect';
import { appSettings } from '@/server/db/schema';

const ALLOW_PRIVATE_TARGETS_KEY = 'webhooks.allow_private_targets';

export async function allowPrivateTargets(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, ALLOW_PRIVATE_TARGETS_KEY));
  return row?.value === 'true';
}

export async function writeAllowPrivateTargets(db: DbOrTx, allow: boolean) {
  const value = allow ? 'true' : 'false';
  await db
    .insert(appSettings)
    .values({ key: ALLOW_PRIVATE_TARGETS_KEY, value })
    .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: new Date() } });
}
