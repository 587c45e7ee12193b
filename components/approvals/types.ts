// Shapes of the release queries as the browser receives them, so the approval widgets share one vocabulary.
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/routers/_app';

type Releases = inferRouterOutputs<AppRouter>['releases'];

export type ReleaseRow = Releases['list'][number];
export type ReleaseDetail = Releases['get'];
export type ReleaseSignature = ReleaseDetail['decisions'][number];
export type InboxView = 'awaiting_me' | 'mine' | 'open' | 'decided';
