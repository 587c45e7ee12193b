import { changePasswordSchema } from '@/lib/validation/users';
import { changeOwnPassword } from '@/server/services/users/change-own-password';
import { createRouter, protectedProcedure } from '../init';

export const meRouter = createRouter({
  get: protectedProcedure.query(({ ctx }) => ({ id: ctx.user.id, email: ctx.user.email, name: ctx.user.name, roles: ctx.user.roles })),
  changePassword: protectedProcedure.input(changePasswordSchema).mutation(({ ctx, input }) => changeOwnPassword({ ctx, input })),
});
