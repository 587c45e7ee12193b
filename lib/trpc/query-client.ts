import { defaultShouldDehydrateQuery, isServer, QueryClient } from '@tanstack/react-query';
import superjson from 'superjson';

/**
 * A refusal (missing, forbidden, invalid: any 4xx) will not change on retry, so it shows at once instead of
 * after seconds of skeletons; other failures get TanStack's default three tries in the browser, none on the server.
 */
function retry(failureCount: number, error: unknown): boolean {
  if (isServer) return false;
  const status = (error as { data?: { httpStatus?: unknown } } | null)?.data?.httpStatus;
  if (typeof status === 'number' && status >= 400 && status < 500) return false;
  return failureCount < 3;
}

/** One factory for server prefetching and the browser, so dehydration round-trips Dates and the like. */
export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === 'pending',
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
