import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Instance-wide settings shared by every app instance on the same database (e.g. the generated session secret). */
export const appSettings = pgTable('app_settings', {
  key: text().primaryKey(),
  value: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
