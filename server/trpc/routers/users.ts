import { clearSignInThrottleSchema, createUserSchema, setUserDisabledSchema, setUserRolesSchema } from '@/lib/validation/users';
import { clearSignInThrottle, listSignInThrottles } from '@/server/services/auth/sign-in-throttles';
import { createUser } from '@/server/services/users/create-user';
import { listUsers } from '@/server/services/users/list-users';
import { setUserDisabled } from '@/server/services/users/set-user-disabled';
import { setUserRoles } from '@/server/services/users/set-user-roles';
import { capabilityProcedure, createRouter } from '../init';

export const usersRouter = createRouter({
  list: capabilityProcedure('user.read').query(({ ctx }) => listUsers({ ctx, input: undefined })),
  create: capabilityProcedure('user.manage').input(createUserSchema).mutation(({ ctx, input }) => createUser({ ctx, input })),
  setRoles: capabilityProcedure('user.manage').input(setUserRolesSchema).mutation(({ ctx, input }) => setUserRoles({ ctx, input })),
  setDisabled: capabilityProcedure('user.manage').input(setUserDisabledSchema).mutation(({ ctx, input }) => setUserDisabled({ ctx, input })),
  signInThrottles: capabilityProcedure('user.manage').query(({ ctx }) => listSignInThrottles({ ctx, input: undefined })),
  clearSignInThrottle: capabilityProcedure('user.manage').input(clearSignInThrottleSchema).mutation(({ ctx, input }) => clearSignInThrottle({ ctx, input })),
});
