// Display helpers for audit events. Times are shown in UTC, the clock the trail and its exports use.
import type { inferRouterOutputs } from '@trpc/server';
import { ROLE_LABELS, ROLES, type Role } from '@/lib/roles';
import type { AppRouter } from '@/server/trpc/routers/_app';

export type AuditEventRow = inferRouterOutputs<AppRouter>['audit']['list']['items'][number];

/** "2025-03-04 12:30:05 UTC" */
export function formatUtc(date: Date, withMillis = false): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, withMillis ? 23 : 19)} UTC`;
}

export function roleLabel(role: string): string {
  return (ROLES as readonly string[]).includes(role) ? ROLE_LABELS[role as Role] : role;
}

const ACTOR_TYPE_LABELS: Record<string, string> = { user: 'Person', api_key: 'API key', system: 'System' };
export function actorTypeLabel(type: string): string {
  return ACTOR_TYPE_LABELS[type] ?? type;
}

/** Pretty JSON for before/after values; `undefined` means the field was absent on that side. */
export function prettyValue(value: unknown): string {
  if (value === undefined) return '(not set)';
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** The value of `field` in a before/after snapshot, or undefined when the snapshot lacks it. */
export function fieldOf(snapshot: unknown, field: string): unknown {
  if (snapshot === null || typeof snapshot !== 'object' || Array.isArray(snapshot)) return undefined;
  return Object.hasOwn(snapshot, field) ? (snapshot as Record<string, unknown>)[field] : undefined;
}

/** datetime-local values in the filter bar are UTC, matching every time shown on the page. */
export function isoToUtcInput(iso: string | undefined): string {
  return iso ? iso.slice(0, 16) : '';
}

export function utcInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(`${value.length === 16 ? `${value}:00` : value}Z`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
