import { z } from 'zod';
import { boundedDate } from '@/lib/validation/primitives';
import { AUDIT_ACTIONS } from '@/lib/audit-actions';

const auditFilterSchema = z.object({
  actor: z.string().trim().max(200).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  entityType: z.string().trim().max(100).optional(),
  entityId: z.string().trim().max(200).optional(),
  from: boundedDate().optional(),
  to: boundedDate().optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditListSchema = auditFilterSchema.extend({
  cursor: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const auditExportSchema = auditFilterSchema.extend({ format: z.enum(['csv', 'json']).default('csv') });
