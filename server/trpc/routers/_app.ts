import { createRouter } from '../init';
import { auditRouter } from './audit';
import { eventsRouter } from './events';
import { meRouter } from './me';
import { usersRouter } from './users';

export const appRouter = createRouter({
  me: meRouter,
  users: usersRouter,
  audit: auditRouter,
  events: eventsRouter,
});

export type AppRouter = typeof appRouter;
