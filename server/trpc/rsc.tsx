// Server-side tRPC for React Server Components: calls the router in process (no HTTP hop),
// prefetches into a per-request QueryClient, and hydrates it into the client tree.
import 'server-only';
import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { createTRPCOptionsProxy, type TRPCQueryOptions } from '@trpc/tanstack-react-query';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { cache, type ReactNode } from 'react';
import { makeQueryClient } from '@/lib/trpc/query-client';
import { createRequestContext } from '@/server/context';
import { appRouter } from './routers/_app';

export const getQueryClient = cache(makeQueryClient);
const getContext = cache(async () => createRequestContext(await headers()));

export const trpc = createTRPCOptionsProxy({ ctx: getContext, router: appRouter, queryClient: getQueryClient });

export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}

/**
 * Starts a query on the server; it streams to the browser when it resolves, for widgets that read it
 * with useSuspenseQuery. A widget that reads it with plain useQuery must find it settled when the page
 * hydrates, or the server's HTML and the browser's first render differ (React error #418): await the
 * returned promise for those.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function prefetch<T extends ReturnType<TRPCQueryOptions<any>>>(queryOptions: T): Promise<void> {
  return getQueryClient().prefetchQuery(queryOptions);
}

/** Whether a server-side call failed because what the address names does not exist (or cannot be a valid id). */
function isMissing(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'NOT_FOUND' || code === 'BAD_REQUEST';
}

/**
 * Reads the entity a page is about; when it does not exist, answers the 404 page with status 404 at once
 * (before anything streams) instead of rendering skeletons that retry. Any other failure is rethrown.
 */
export async function fetchOrNotFound<T extends ReturnType<TRPCQueryOptions<any>>>(queryOptions: T) {
  try {
    return await getQueryClient().fetchQuery(queryOptions);
  } catch (err) {
    if (isMissing(err)) notFound();
    throw err;
  }
}

/**
 * A dynamic segment of a page's address (a model's id or name). Next.js may hand it over still encoded;
 * a second decode of a name holding `%` (`/models/%25`) would throw, so it only applies where it can.
 */
export function pageParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
