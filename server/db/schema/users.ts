import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

import type { Role } from '@/lib/roles';

export { ROLES, type Role } from '@/lib/roles';

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    name: text().notNull(),
    /** argon2id hash; null for users who only sign in through single sign-on. */
    passwordHash: text(),
    roles: text().array().$type<Role[]>().notNull().default(sql`'{}'::text[]`),
    disabled: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_idx').on(sql`lower(${t.email})`)],
);
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

/** Server-side sessions: the JWT only carries the session id, so a session can be revoked at once. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    ip: text(),
    userAgent: text(),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId)],
);
export type Session = typeof sessions.$inferSelect;

/**
 * Sign-in throttling state, shared by every app instance: one counter per scope and key. Scopes:
 * `account_address` (email + address), `address` (every email from one address) and `account`
 * (one email from addresses it has never signed in from). A failure bumps the counters with one
 * upsert; past a scope's threshold each further failure doubles `blockedUntil`. Rows quiet for a
 * day are pruned (server/jobs/housekeeping.ts), so the table stays bounded.
 */
export const signInThrottles = pgTable(
  'sign_in_throttles',
  {
    scope: text().$type<'account_address' | 'address' | 'account'>().notNull(),
    key: text().notNull(),
    email: text(),
    ip: text(),
    failures: integer().notNull(),
    firstFailureAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastFailureAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    blockedUntil: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('sign_in_throttles_last_failure_at_idx').on(t.lastFailureAt)],
);
export type SignInThrottle = typeof signInThrottles.$inferSelect;
export type NewSignInThrottle = typeof signInThrottles.$inferInsert;

/** Addresses each account has signed in from with its password: the per-account limit spares them. */
export const knownSignInAddresses = pgTable(
  'known_sign_in_addresses',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ip: text().notNull(),
    lastSucceededAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.ip] }), index('known_sign_in_addresses_last_succeeded_at_idx').on(t.lastSucceededAt)],
);
export type KnownSignInAddress = typeof knownSignInAddresses.$inferSelect;
export type NewKnownSignInAddress = typeof knownSignInAddresses.$inferInsert;
