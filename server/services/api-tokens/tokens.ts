// Personal API tokens for machine clients: created and revoked by their owner, shown once, stored
// as a SHA-256 (the token is 192 random bits, so a fast hash is enough), with a visible prefix.
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, sql, type SQLWrapper } from 'drizzle-orm';
import { z } from 'zod';
import { createApiTokenSchema } from '@/lib/validation/catalog';
import { prepared } from '@/server/db/prepared';
import { apiTokens, users } from '@/server/db/schema';
import { NotFoundError } from '@/server/errors';
import { requireCapability } from '../authorize';
import type { ServiceContext, SessionUser, VerbArgs } from '../context';
import { mutate } from '../mutate';
import { parseInput } from '../validate';

const TOKEN_PREFIX = 'mgt_';
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createApiToken({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'session.use');
  const data = parseInput(createApiTokenSchema, input);
  const token = `${TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
  const prefix = token.slice(0, TOKEN_PREFIX.length + 6);
  const expiresAt = data.expiresInDays ? new Date(Date.now() + data.expiresInDays * 86_400_000) : null;
  const row = await mutate(ctx, async ({ tx, audit }) => {
    const [created] = await tx.insert(apiTokens).values({ userId: user.id, name: data.name, prefix, tokenHash: hashToken(token), expiresAt }).returning();
    if (!created) throw new Error('token insert returned nothing');
    await audit({ action: 'api_token.created', entityType: 'api_token', entityId: created.id, after: { name: created.name, prefix, expiresAt } });
    return created;
  });
  return { id: row.id, name: row.name, prefix, expiresAt, token };
}

export async function listApiTokens({ ctx }: VerbArgs<void>) {
  const user = requireCapability(ctx, 'session.use');
  return ctx.db
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, expiresAt: apiTokens.expiresAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, user.id))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'session.use');
  const { tokenId } = parseInput(z.object({ tokenId: z.string().uuid() }), input);
  return mutate(ctx, async ({ tx, audit }) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, user.id), isNull(apiTokens.revokedAt)))
      .returning();
    if (!row) throw new NotFoundError('No such active token of yours.');
    await audit({ action: 'api_token.revoked', entityType: 'api_token', entityId: row.id, before: { revokedAt: null }, after: { revokedAt: row.revokedAt } });
    return { id: row.id };
  });
}

/** The person behind a bearer token, with their current roles; null for unknown, revoked, expired or disabled. */
export async function authenticateApiToken(db: ServiceContext['db'], token: string): Promise<(SessionUser & { tokenId: string; tokenPrefix: string }) | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  // Every API call runs this, so it is built once per pool (server/db/prepared.ts).
  const query = (on: ServiceContext['db'], tokenHash: SQLWrapper | string) => on.select({ token: apiTokens, user: users }).from(apiTokens).innerJoin(users, eq(users.id, apiTokens.userId)).where(eq(apiTokens.tokenHash, tokenHash));
  const ready = prepared(db, 'auth.apiToken', (pool) => query(pool, sql.placeholder('tokenHash')).prepare('auth_api_token'));
  const tokenHash = hashToken(token);
  const [row] = ready ? await ready.execute({ tokenHash }) : await query(db, tokenHash);
  if (!row || row.token.revokedAt || row.user.disabled || (row.token.expiresAt && row.token.expiresAt < new Date())) return null;
  // "Last used" to the minute: a write on every API call would cost more than the call itself.
  if (!row.token.lastUsedAt || Date.now() - row.token.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.token.id));
  }
  return { id: row.user.id, email: row.user.email, name: row.user.name, roles: row.user.roles, sessionId: null, tokenId: row.token.id, tokenPrefix: row.token.prefix };
}
