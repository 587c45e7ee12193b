// Input rules for people and roles, shared by the admin forms and the service layer.
import { z } from 'zod';
import { ROLES } from '@/lib/roles';

export const MIN_PASSWORD_LENGTH = 12;

const roleListSchema = z.array(z.enum(ROLES)).max(ROLES.length).transform((r) => [...new Set(r)].sort());

export const createUserSchema = z.object({
  email: z.string().trim().toLowerCase().email('Enter a valid email address.').max(254),
  name: z.string().trim().min(1, 'Enter the person’s name.').max(120),
  roles: roleListSchema,
  /** Leave empty to generate a temporary password that is shown once. */
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Passwords need at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(256)
    .optional(),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const setUserRolesSchema = z.object({
  userId: z.string().uuid(),
  roles: roleListSchema,
  reason: z.string().trim().max(500).optional(),
});

export const setUserDisabledSchema = z.object({
  userId: z.string().uuid(),
  disabled: z.boolean(),
  reason: z.string().trim().max(500).optional(),
});

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Passwords need at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(256),
});

/** Sign-in throttling counters, as the admin page names them (server/auth/throttle.ts). */
const SIGN_IN_THROTTLE_SCOPES = ['account_address', 'address', 'account'] as const;
export const clearSignInThrottleSchema = z.object({
  scope: z.enum(SIGN_IN_THROTTLE_SCOPES),
  key: z.string().min(1).max(600),
  reason: z.string().trim().max(500).optional(),
});
