import { z } from 'zod';
import { createApiTokenSchema } from '@/lib/validation/catalog';
import { createApiToken, listApiTokens, revokeApiToken } from '@/server/services/api-tokens/tokens';
import { capabilityProcedure, createRouter } from '../init';

/** Each person manages their own tokens. */
export const apiTokensRouter = createRouter({
  list: capabilityProcedure('session.use').query(({ ctx }) => listApiTokens({ ctx, input: undefined })),
  create: capabilityProcedure('session.use').input(createApiTokenSchema).mutation(({ ctx, input }) => createApiToken({ ctx, input })),
  revoke: capabilityProcedure('session.use').input(z.object({ tokenId: z.string().uuid() })).mutation(({ ctx, input }) => revokeApiToken({ ctx, input })),
});
