import { z } from 'zod';
import { auditListSchema } from '@/lib/validation/audit';
import { AUDIT_READERS } from '@/server/services/audit/query';
import { getAuditEvent, listAuditEvents, verifyAuditTrail } from '@/server/services/audit/list-audit-events';
import { createRouter, roleProcedure } from '../init';

export const auditRouter = createRouter({
  list: roleProcedure(...AUDIT_READERS).input(auditListSchema).query(({ ctx, input }) => listAuditEvents({ ctx, input })),
  get: roleProcedure(...AUDIT_READERS).input(z.object({ seq: z.number().int().positive() })).query(({ ctx, input }) => getAuditEvent({ ctx, input })),
  verify: roleProcedure(...AUDIT_READERS).query(({ ctx }) => verifyAuditTrail({ ctx, input: undefined })),
});
