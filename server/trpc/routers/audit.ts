import { z } from 'zod';
import { auditListSchema } from '@/lib/validation/audit';
import { getAuditEvent, listAuditEvents, verifyAuditTrail } from '@/server/services/audit/list-audit-events';
import { capabilityProcedure, createRouter } from '../init';

export const auditRouter = createRouter({
  list: capabilityProcedure('audit.read').input(auditListSchema).query(({ ctx, input }) => listAuditEvents({ ctx, input })),
  get: capabilityProcedure('audit.read').input(z.object({ seq: z.number().int().positive() })).query(({ ctx, input }) => getAuditEvent({ ctx, input })),
  verify: capabilityProcedure('audit.read').query(({ ctx }) => verifyAuditTrail({ ctx, input: undefined })),
});
