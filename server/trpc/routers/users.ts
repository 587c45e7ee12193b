import { clearSignInThrottleSchema, createUserSchema, setUserDisabledSchema, setUserRolesSchema } from '@/lib/validation/users';
import { clearSignInThrottle, listSignInThrottles } from '@/server/services/auth/sign-in-throttles';
import { createUser } from '@/server/services/users/create-user';
import { listUsers, USER_READERS } from '@/server/services/users/list-users';
import { setUserDisabled } from '@/server/services/users/set-user-disabled';
import { setUserRoles } from '@/server/services/users/set-user-roles';
import { createRouter, roleProcedure } from '../init';

export const usersRouter = createRouter({
  list: roleProcedure(...USER_READERS).query(({ ctx }) => listUsers({ ctx, input: undefined })),
  create: roleProcedure('admin').input(createUserSchema).mutation(({ ctx, input }) => createUser({ ctx, input })),
  setRoles: roleProcedure('admin').input(setUserRolesSchema).mutation(({ ctx, input }) => setUserRoles({ ctx, input })),
  setDisabled: roleProcedure('admin').input(setUserDisabledSchema).mutation(({ ctx, input }) => setUserDisabled({ ctx, input })),
  signInThrottles: roleProcedure('admin').query(({ ctx }) => listSignInThrottles({ ctx, input: undefined })),
  clearSignInThrottle: roleProcedure('admin').input(clearSignInThrottleSchema).mutation(({ ctx, input }) => clearSignInThrottle({ ctx, input })),
});
