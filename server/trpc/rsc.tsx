// Server-side tRPC for React Server Components: calls the router in process (no HTTP hop),
// prefetches into a per-request QueryClient, and hydrates it into the client tree.
import 'server-only';
import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { createTRPCOptionsProxy, type TRPCQueryOptions } from '@trpc/tanstack-react-query';
import { headers } from 'next/headers';
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function prefetch<T extends ReturnType<TRPCQueryOptions<any>>>(queryOptions: T) {
  void getQueryClient().prefetchQuery(queryOptions);
}
