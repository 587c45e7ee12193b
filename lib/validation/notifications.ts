// Inputs of the notification inbox and of watching a model, shared by the router, the services and the UI.
import { z } from 'zod';

const NOTIFICATION_FILTERS = ['unread', 'all'] as const;
export type NotificationFilter = (typeof NOTIFICATION_FILTERS)[number];

export const listNotificationsSchema = z.object({
  filter: z.enum(NOTIFICATION_FILTERS, { message: 'Choose "unread" or "all".' }).default('all'),
  limit: z.number().int().min(1, 'Ask for at least one notification.').max(100, 'At most 100 notifications a page.').default(20),
  /** The id of the last notification of the previous page; pages go from newest to oldest. */
  cursor: z.string().uuid('The cursor is the id of a notification from the previous page.').nullish(),
});

export const notificationIdSchema = z.object({ notificationId: z.string().uuid('Give the id of one of your notifications.') });

export const watchModelSchema = z.object({ modelId: z.string().uuid('Give the id of an existing model.') });
