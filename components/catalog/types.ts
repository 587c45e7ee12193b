// Shapes of the catalog queries as the browser receives them, so widgets share one vocabulary.
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/routers/_app';

type Catalog = inferRouterOutputs<AppRouter>['catalog'];

type ModelDetail = Catalog['model'];
export type VersionSummary = ModelDetail['versions'][number];
export type VersionDetail = Catalog['version'];
export type CompareResult = Catalog['compare'];

/** Mirrors the server's protected aliases, only to explain them; the server is what refuses a change. */
const PROTECTED_ALIASES = ['production', 'staging'] as const;
export const isProtectedAlias = (name: string) => (PROTECTED_ALIASES as readonly string[]).includes(name.trim().toLowerCase());
