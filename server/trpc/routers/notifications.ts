// The signed-in person's notification inbox and the models they watch. Everyone signed in has an
// inbox and may watch any model (the catalog is open to all); the services keep each to their own rows.
import { listNotificationsSchema, notificationIdSchema, watchModelSchema } from '@/lib/validation/notifications';
import { listNotifications, unreadNotificationCount } from '@/server/services/collaboration/notifications/list-notifications';
import { markAllNotificationsRead, markNotificationRead } from '@/server/services/collaboration/notifications/mark-read';
import { unwatchModel, watchModel, watchState } from '@/server/services/collaboration/watches/watch-model';
import { createRouter, protectedProcedure } from '../init';

export const notificationsRouter = createRouter({
  list: protectedProcedure.input(listNotificationsSchema).query(({ ctx, input }) => listNotifications({ ctx, input })),
  unreadCount: protectedProcedure.query(({ ctx }) => unreadNotificationCount({ ctx, input: undefined })),
  markRead: protectedProcedure.input(notificationIdSchema).mutation(({ ctx, input }) => markNotificationRead({ ctx, input })),
  markAllRead: protectedProcedure.mutation(({ ctx }) => markAllNotificationsRead({ ctx, input: undefined })),
  watchState: protectedProcedure.input(watchModelSchema).query(({ ctx, input }) => watchState({ ctx, input })),
  watch: protectedProcedure.input(watchModelSchema).mutation(({ ctx, input }) => watchModel({ ctx, input })),
  unwatch: protectedProcedure.input(watchModelSchema).mutation(({ ctx, input }) => unwatchModel({ ctx, input })),
});
