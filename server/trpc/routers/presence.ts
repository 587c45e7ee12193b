// Presence: who has a release request or alert page open. Any signed-in person may call; the
// service refuses a page whose subject they may not see.
import { presencePageSchema } from '@/lib/validation/presence';
import { leavePage, peopleOnPage, presenceHeartbeat } from '@/server/services/collaboration/presence/presence';
import { capabilityProcedure, createRouter } from '../init';

export const presenceRouter = createRouter({
  here: capabilityProcedure('session.use').input(presencePageSchema).query(({ ctx, input }) => peopleOnPage({ ctx, input })),
  heartbeat: capabilityProcedure('session.use').input(presencePageSchema).mutation(({ ctx, input }) => presenceHeartbeat({ ctx, input })),
  leave: capabilityProcedure('session.use').input(presencePageSchema).mutation(({ ctx, input }) => leavePage({ ctx, input })),
});
