import { defaultShouldDehydrateQuery, QueryClient } from '@tanstack/react-query';
import superjson from 'superjson';
import { isReconnecting } from './error-message';

/** While the database is away, a query keeps retrying every 2 s (its Suspense fallback stays up) for up to 5 minutes. */
const RECONNECT_DELAY_MS = 2000;
const RECONNECT_TRIES = 150;

/** One factory for server prefetching and the browser, so dehydration round-trips Dates and the like. */
export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failures, error) => (isReconnecting(error) ? failures < RECONNECT_TRIES : failures < 3),
        retryDelay: (failures, error) => (isReconnecting(error) ? RECONNECT_DELAY_MS : Math.min(1000 * 2 ** failures, 30_000)),
      },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === 'pending',
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
