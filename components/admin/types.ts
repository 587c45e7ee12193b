import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/routers/_app';

/** One row of the people list, as the users.list procedure returns it. */
export type UserRow = inferRouterOutputs<AppRouter>['users']['list'][number];
