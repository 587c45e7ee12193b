import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Background jobs: one row each; the instance that locks the row runs the job, so it never runs twice. */
export const scheduledJobs = pgTable('scheduled_jobs', {
  name: text().primaryKey(),
  runCount: integer().notNull().default(0),
  lastFinishedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lastResult: jsonb(),
  lastInstance: text(),
});
export type ScheduledJob = typeof scheduledJobs.$inferSelect;
