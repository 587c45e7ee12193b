import { z } from 'zod';
import { createApiTokenSchema } from '@/lib/validation/catalog';
import { createApiToken, listApiTokens, revokeApiToken } from '@/server/services/api-tokens/tokens';
import { createRouter, protectedProcedure } from '../init';

/** Each person manages their own tokens. */
export const apiTokensRouter = createRouter({
  list: protectedProcedure.query(({ ctx }) => listApiTokens({ ctx, input: undefined })),
  create: protectedProcedure.input(createApiTokenSchema).mutation(({ ctx, input }) => createApiToken({ ctx, input })),
  revoke: protectedProcedure.input(z.object({ tokenId: z.string().uuid() })).mutation(({ ctx, input }) => revokeApiToken({ ctx, input })),
});
