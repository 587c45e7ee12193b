import { defaultShouldDehydrateQuery, isServer, QueryClient } from '@tanstack/react-query';
import superjson from 'superjson';
import { isReconnecting } from './error-message';

/** While the database is away, a query keeps retrying every 2 s (its Suspense fallback stays up) for up to 5 minutes. */
const RECONNECT_DELAY_MS = 2000;
const RECONNECT_TRIES = 150;

/**
 * When a failed query is tried again. Never on the server (a page renders what it has). In the browser:
 * a refusal (missing, forbidden, invalid: any 4xx) will not change on retry, so it shows at once instead
 * of after seconds of skeletons; a database outage is waited out; anything else gets three more tries.
 */
function retryPolicy(onServer: boolean) {
  return {
    retry: (failures: number, error: unknown): boolean => {
      if (onServer) return false;
      if (isReconnecting(error)) return failures < RECONNECT_TRIES;
      const status = (error as { data?: { httpStatus?: unknown } } | null)?.data?.httpStatus;
      if (typeof status === 'number' && status >= 400 && status < 500) return false;
      return failures < 3;
    },
    retryDelay: (failures: number, error: unknown) => (isReconnecting(error) ? RECONNECT_DELAY_MS : Math.min(1000 * 2 ** failures, 30_000)),
  };
}

/** One factory for server prefetching and the browser, so dehydration round-trips Dates and the like. */
export function makeQueryClient(onServer = isServer) {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, ...retryPolicy(onServer) },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === 'pending',
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
