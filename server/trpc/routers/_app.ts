import { createRouter } from '../init';
import { activityRouter } from './activity';
import { apiTokensRouter } from './api-tokens';
import { auditRouter } from './audit';
import { catalogRouter } from './catalog';
import { commentsRouter } from './comments';
import { evaluationsRouter } from './evaluations';
import { eventsRouter } from './events';
import { meRouter } from './me';
import { monitoringRouter } from './monitoring';
import { notificationsRouter } from './notifications';
import { presenceRouter } from './presence';
import { releasesRouter } from './releases';
import { usersRouter } from './users';
import { webhooksRouter } from './webhooks';

export const appRouter = createRouter({
  me: meRouter,
  users: usersRouter,
  audit: auditRouter,
  catalog: catalogRouter,
  apiTokens: apiTokensRouter,
  evaluations: evaluationsRouter,
  releases: releasesRouter,
  monitoring: monitoringRouter,
  comments: commentsRouter,
  notifications: notificationsRouter,
  activity: activityRouter,
  presence: presenceRouter,
  webhooks: webhooksRouter,
  events: eventsRouter,
});

export type AppRouter = typeof appRouter;
