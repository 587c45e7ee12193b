// Input rules for webhooks, shared by the admin forms and the service layer.
import { z } from 'zod';

/** The same list as the webhooks table's column type (server/db/schema/collaboration.ts); a test keeps them equal. */
export const WEBHOOK_EVENT_TYPES = ['version.created', 'release.requested', 'release.approved', 'release.rejected', 'release.released', 'alias.moved', 'alert.opened', 'alert.resolved', 'comment.created'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  'version.created': 'A model version is registered',
  'release.requested': 'A release is requested (or resubmitted)',
  'release.approved': 'A release request is approved',
  'release.rejected': 'A release request is rejected',
  'release.released': 'A version is released to its alias',
  'alias.moved': 'An alias is moved to another version',
  'alert.opened': 'An alert opens (or re-opens)',
  'alert.resolved': 'An alert is resolved',
  'comment.created': 'Someone comments',
};

/** The type a "send test" delivery carries. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

const webhookUrlSchema = z
  .string()
  .trim()
  .max(2000, 'A webhook URL has at most 2000 characters.')
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Enter a full URL, e.g. https://hooks.example.com/modelgate.' });
      return;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') ctx.addIssue({ code: 'custom', message: 'A webhook URL starts with https:// (or http://).' });
    else if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'Leave credentials out of the URL: receivers check the signature instead.' });
    else if (url.hash) ctx.addIssue({ code: 'custom', message: 'A webhook URL has no #fragment.' });
  });

const eventTypesSchema = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, 'Pick event types from the list.'))
  .min(1, 'Pick at least one event type.')
  .transform((types) => WEBHOOK_EVENT_TYPES.filter((t) => types.includes(t)));

export const createWebhookSchema = z.object({
  name: z.string().trim().min(1, 'Name the webhook after where it goes, e.g. “Slack #releases”.').max(100),
  url: webhookUrlSchema,
  eventTypes: eventTypesSchema,
  enabled: z.boolean().default(true),
});
export type CreateWebhookInput = z.input<typeof createWebhookSchema>;

export const webhookIdSchema = z.object({ webhookId: z.string().uuid() });

/** Only the fields given change. */
export const updateWebhookSchema = webhookIdSchema
  .extend({
    name: createWebhookSchema.shape.name.optional(),
    url: webhookUrlSchema.optional(),
    eventTypes: eventTypesSchema.optional(),
  })
  .strict();

export const setWebhookEnabledSchema = webhookIdSchema.extend({ enabled: z.boolean() });

export const listWebhookDeliveriesSchema = webhookIdSchema.extend({ limit: z.number().int().min(1).max(200).default(50) });

export const deliveryIdSchema = z.object({ deliveryId: z.string().uuid() });

export const webhookSettingsSchema = z.object({
  allowPrivateTargets: z.boolean(),
  reason: z.string().trim().max(500).optional(),
});
