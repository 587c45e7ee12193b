import { changePasswordSchema } from '@/lib/validation/users';
import { changeOwnPassword } from '@/server/services/users/change-own-password';
import { capabilityProcedure, createRouter } from '../init';

export const meRouter = createRouter({
  get: capabilityProcedure('session.use').query(({ ctx }) => ({ id: ctx.user.id, email: ctx.user.email, name: ctx.user.name, roles: ctx.user.roles })),
  changePassword: capabilityProcedure('session.use').input(changePasswordSchema).mutation(({ ctx, input }) => changeOwnPassword({ ctx, input })),
});
