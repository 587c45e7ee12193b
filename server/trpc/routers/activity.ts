// Activity feeds: a model's and the global one. Any signed-in person; the service leaves out what
// they may not see.
import { globalFeedSchema, modelFeedSchema } from '@/lib/validation/activity';
import { globalFeed, modelFeed } from '@/server/services/collaboration/activity/feed';
import { capabilityProcedure, createRouter } from '../init';

export const activityRouter = createRouter({
  modelFeed: capabilityProcedure('catalog.read').input(modelFeedSchema).query(({ ctx, input }) => modelFeed({ ctx, input })),
  globalFeed: capabilityProcedure('catalog.read').input(globalFeedSchema).query(({ ctx, input }) => globalFeed({ ctx, input })),
});
