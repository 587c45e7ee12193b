// Audit filters <-> URL search params. The audit page's server prefetch and its client widgets
// both parse the URL with this, so their query keys match and the prefetched data is used.
import { AUDIT_ACTIONS, type AuditAction } from '@/lib/audit-actions';

export type AuditUrlFilters = {
  actor?: string;
  action?: AuditAction;
  entityType?: string;
  entityId?: string;
  /** ISO 8601 instants (UTC), as the export endpoint and the list input accept them. */
  from?: string;
  to?: string;
};

const AUDIT_FILTER_KEYS = ['actor', 'action', 'entityType', 'entityId', 'from', 'to'] as const;

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function isSearchParams(source: ParamSource): source is URLSearchParams {
  return typeof (source as URLSearchParams).get === 'function';
}

function read(source: ParamSource, key: string): string | undefined {
  const raw = isSearchParams(source) ? source.get(key) : source[key];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value : undefined;
}

function isoOrUndefined(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** Unknown actions and unparseable dates are dropped rather than failing the whole page. */
export function parseAuditFilters(source: ParamSource): AuditUrlFilters {
  const filters: AuditUrlFilters = {};
  const actor = read(source, 'actor');
  const action = read(source, 'action');
  const entityType = read(source, 'entityType');
  const entityId = read(source, 'entityId');
  const from = isoOrUndefined(read(source, 'from'));
  const to = isoOrUndefined(read(source, 'to'));
  if (actor) filters.actor = actor.slice(0, 200);
  if (action && (AUDIT_ACTIONS as readonly string[]).includes(action)) filters.action = action as AuditAction;
  if (entityType) filters.entityType = entityType.slice(0, 100);
  if (entityId) filters.entityId = entityId.slice(0, 200);
  if (from) filters.from = from;
  if (to) filters.to = to;
  return filters;
}

export function auditFilterParams(filters: AuditUrlFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of AUDIT_FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params;
}

export function hasAuditFilters(filters: AuditUrlFilters): boolean {
  return AUDIT_FILTER_KEYS.some((key) => !!filters[key]);
}

/** The download URL for the export endpoint, carrying the same filters as the list. */
export function auditExportHref(format: 'csv' | 'json', filters: AuditUrlFilters): string {
  const params = auditFilterParams(filters);
  params.set('format', format);
  return `/api/audit/export?${params.toString()}`;
}

/** Page size of the audit list; shared so the server prefetch and the client use one key. */
export const AUDIT_PAGE_SIZE = 50;
