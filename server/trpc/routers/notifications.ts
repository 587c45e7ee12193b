// The signed-in person's notification inbox and the models they watch. Everyone signed in has an
// inbox and may watch any model (the catalog is open to all); the services keep each to their own rows.
import { listNotificationsSchema, notificationIdSchema, watchModelSchema } from '@/lib/validation/notifications';
import { listNotifications, unreadNotificationCount } from '@/server/services/collaboration/notifications/list-notifications';
import { markAllNotificationsRead, markNotificationRead } from '@/server/services/collaboration/notifications/mark-read';
import { unwatchModel, watchModel, watchState } from '@/server/services/collaboration/watches/watch-model';
import { capabilityProcedure, createRouter } from '../init';

export const notificationsRouter = createRouter({
  list: capabilityProcedure('session.use').input(listNotificationsSchema).query(({ ctx, input }) => listNotifications({ ctx, input })),
  unreadCount: capabilityProcedure('session.use').query(({ ctx }) => unreadNotificationCount({ ctx, input: undefined })),
  markRead: capabilityProcedure('session.use').input(notificationIdSchema).mutation(({ ctx, input }) => markNotificationRead({ ctx, input })),
  markAllRead: capabilityProcedure('session.use').mutation(({ ctx }) => markAllNotificationsRead({ ctx, input: undefined })),
  watchState: capabilityProcedure('session.use').input(watchModelSchema).query(({ ctx, input }) => watchState({ ctx, input })),
  watch: capabilityProcedure('session.use').input(watchModelSchema).mutation(({ ctx, input }) => watchModel({ ctx, input })),
  unwatch: capabilityProcedure('session.use').input(watchModelSchema).mutation(({ ctx, input }) => unwatchModel({ ctx, input })),
});
