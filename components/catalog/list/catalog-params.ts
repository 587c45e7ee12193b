// The catalog's search, filters, sort and page live in the URL. The server page and the client
// list parse it with this one function, so the prefetched query is exactly the one the list reads.
import { CATALOG_SORTS, RISK_TIERS, TASK_TYPES, type RiskTier, type TaskType } from '@/lib/validation/catalog';

const CATALOG_PAGE_SIZE = 25;

export type CatalogSort = (typeof CATALOG_SORTS)[number];
export type CatalogQuery = {
  q?: string;
  ownerTeam?: string;
  taskType?: TaskType;
  riskTier?: RiskTier;
  alias?: string;
  tag?: string;
  sort: CatalogSort;
  direction: 'asc' | 'desc';
  page: number;
  pageSize: number;
};

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function read(params: Params, key: string): string | undefined {
  const raw = params instanceof URLSearchParams ? params.get(key) : params[key];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value : undefined;
}

function oneOf<T extends string>(values: readonly T[], value: string | undefined): T | undefined {
  return values.find((v) => v === value);
}

export function parseCatalogParams(params: Params): CatalogQuery {
  const page = Number(read(params, 'page') ?? 1);
  return {
    q: read(params, 'q')?.slice(0, 200),
    ownerTeam: read(params, 'ownerTeam')?.slice(0, 100),
    taskType: oneOf(TASK_TYPES, read(params, 'taskType')),
    riskTier: oneOf(RISK_TIERS, read(params, 'riskTier')),
    alias: read(params, 'alias')?.slice(0, 32),
    tag: read(params, 'tag')?.slice(0, 330),
    sort: oneOf(CATALOG_SORTS, read(params, 'sort')) ?? 'updated',
    direction: read(params, 'direction') === 'asc' ? 'asc' : 'desc',
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
    pageSize: CATALOG_PAGE_SIZE,
  };
}

export type CatalogUrlState = Omit<CatalogQuery, 'pageSize'>;

/** The query string for `state`, leaving out defaults so plain URLs stay plain. */
export function catalogSearch(state: Partial<CatalogUrlState>): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'ownerTeam', 'taskType', 'riskTier', 'alias', 'tag'] as const) {
    const value = state[key]?.trim();
    if (value) params.set(key, value);
  }
  if (state.sort && state.sort !== 'updated') params.set('sort', state.sort);
  if (state.direction === 'asc') params.set('direction', 'asc');
  if (state.page && state.page > 1) params.set('page', String(state.page));
  return params.toString();
}

export function hasCatalogFilters(state: Partial<CatalogUrlState>): boolean {
  return !!(state.q || state.ownerTeam || state.taskType || state.riskTier || state.alias || state.tag);
}

export const SORT_OPTIONS: { value: `${CatalogSort}:${'asc' | 'desc'}`; label: string }[] = [
  { value: 'updated:desc', label: 'Recently updated' },
  { value: 'updated:asc', label: 'Least recently updated' },
  { value: 'name:asc', label: 'Name, A to Z' },
  { value: 'name:desc', label: 'Name, Z to A' },
  { value: 'created:desc', label: 'Newest first' },
  { value: 'created:asc', label: 'Oldest first' },
  { value: 'versions:desc', label: 'Most versions' },
];
