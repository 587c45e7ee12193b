import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/routers/_app';

type Outputs = inferRouterOutputs<AppRouter>['webhooks'];
/** One webhook as webhooks.list returns it (never its secret). */
export type WebhookRow = Outputs['list'][number];
