import { z } from 'zod';
import { AUDIT_ACTIONS } from '@/lib/audit-actions';

export const auditFilterSchema = z.object({
  actor: z.string().trim().max(200).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  entityType: z.string().trim().max(100).optional(),
  entityId: z.string().trim().max(200).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditListSchema = auditFilterSchema.extend({
  cursor: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const auditExportSchema = auditFilterSchema.extend({ format: z.enum(['csv', 'json']).default('csv') });
