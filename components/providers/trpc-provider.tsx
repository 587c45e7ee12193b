'use client';
// The browser's tRPC client: batched HTTP for queries and mutations, SSE for subscriptions.
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { useState, type ReactNode } from 'react';
import superjson, { type SuperJSONResult } from 'superjson';
import { makeQueryClient } from '@/lib/trpc/query-client';
import type { AppRouter } from '@/server/trpc/routers/_app';
import { ReconnectingBanner } from './reconnecting-banner';

const trpcContext = createTRPCContext<AppRouter>();
const { TRPCProvider } = trpcContext;
export const { useTRPC } = trpcContext;

/** superjson revives responses in place: each one is parsed from its own response and read by
 * nothing else, and the default deep copy cost ~25 ms (and as much garbage) per refetch of a week
 * of statistics at full detail. */
const transformer = { serialize: superjson.serialize, deserialize: (data: SuperJSONResult) => superjson.deserialize(data, { inPlace: true }) };

let browserQueryClient: QueryClient | undefined;
function getQueryClient() {
  if (typeof window === 'undefined') return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        splitLink({
          condition: (op) => op.type === 'subscription',
          true: httpSubscriptionLink({ url: '/api/trpc', transformer }),
          false: httpBatchLink({ url: '/api/trpc', transformer }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <ReconnectingBanner />
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
