import { createWebhookSchema, deliveryIdSchema, listWebhookDeliveriesSchema, setWebhookEnabledSchema, updateWebhookSchema, webhookIdSchema, webhookSettingsSchema } from '@/lib/validation/webhooks';
import {
  createWebhook,
  deleteWebhook,
  getWebhookSettings,
  listWebhookDeliveries,
  listWebhooks,
  redeliverWebhookDelivery,
  sendTestDelivery,
  setWebhookEnabled,
  setWebhookSettings,
  updateWebhook,
} from '@/server/services/webhooks/manage';
import { capabilityProcedure, createRouter } from '../init';

const admin = () => capabilityProcedure('webhook.manage');

export const webhooksRouter = createRouter({
  list: admin().query(({ ctx }) => listWebhooks({ ctx, input: undefined })),
  create: admin().input(createWebhookSchema).mutation(({ ctx, input }) => createWebhook({ ctx, input })),
  update: admin().input(updateWebhookSchema).mutation(({ ctx, input }) => updateWebhook({ ctx, input })),
  setEnabled: admin().input(setWebhookEnabledSchema).mutation(({ ctx, input }) => setWebhookEnabled({ ctx, input })),
  delete: admin().input(webhookIdSchema).mutation(({ ctx, input }) => deleteWebhook({ ctx, input })),
  deliveries: admin().input(listWebhookDeliveriesSchema).query(({ ctx, input }) => listWebhookDeliveries({ ctx, input })),
  sendTest: admin().input(webhookIdSchema).mutation(({ ctx, input }) => sendTestDelivery({ ctx, input })),
  redeliver: admin().input(deliveryIdSchema).mutation(({ ctx, input }) => redeliverWebhookDelivery({ ctx, input })),
  settings: admin().query(({ ctx }) => getWebhookSettings({ ctx, input: undefined })),
  setSettings: admin().input(webhookSettingsSchema).mutation(({ ctx, input }) => setWebhookSettings({ ctx, input })),
});
