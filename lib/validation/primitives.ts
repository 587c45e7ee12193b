// Number and date fields sized to what the database stores: past these bounds Postgres errors out
// (integer overflow, timestamps it cannot parse), so they are refused here with a 400 instead.
import { z } from 'zod';

/** Largest value of a Postgres `integer` column. */
const INT4_MAX = 2_147_483_647;

/** A version number (an `integer` column). */
export const versionNumber = () => z.number().int().positive().max(INT4_MAX, `A version number is at most ${INT4_MAX}.`);

/** A count stored in an `integer` column. */
export const int4Count = () => z.number().int().min(0).max(INT4_MAX, `At most ${INT4_MAX}.`);

const EARLIEST = new Date('0001-01-01T00:00:00Z');
const LATEST = new Date('9999-12-31T23:59:59.999Z');

/** A date-time (a Date, an ISO string or epoch milliseconds) between the years 1 and 9999. */
export const boundedDate = () =>
  z.coerce
    .date({ error: 'Give a date-time, e.g. 2026-01-31T12:00:00Z.' })
    .min(EARLIEST, 'Dates start at the year 1.')
    .max(LATEST, 'Dates end at the year 9999.');
