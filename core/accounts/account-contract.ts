import { z } from 'zod';
import { ROLES, type SessionUser } from './roles.ts';

/** The accounts API's contract: validation on the server, types for the client. */

export const PASSWORD_MIN_LENGTH = 10;
/** Long enough for any passphrase, short enough that hashing it is never a denial of service. */
export const PASSWORD_MAX_LENGTH = 200;
/** An account request is a few names and a password: a body beyond this is cut off as it arrives. */
export const MAX_ACCOUNT_BODY_CHARS = 4096;

/** Text that goes into the database: no control characters (PostgreSQL refuses NUL in text outright). */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const withoutControls = (schema: z.ZodString) => schema.refine((value) => !CONTROL_CHARACTERS.test(value), 'control characters are not allowed');

export const usernameSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, 'a username is 3–40 lower-case letters, digits, ".", "_" or "-"');
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `a password has at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `a password has at most ${PASSWORD_MAX_LENGTH} characters`);
const codeSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'a code is 1–40 letters, digits, "-" or "_"');

export const signInSchema = z.strictObject({
  username: withoutControls(z.string().min(1).max(40)),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export type SignInRequest = z.infer<typeof signInSchema>;

export interface SessionResponse {
  user: SessionUser;
}

const scopeFields = {
  town: codeSchema.nullable().optional(),
  communities: z.array(codeSchema).max(200).optional(),
};

export const newUserSchema = z.strictObject({
  username: usernameSchema,
  displayName: withoutControls(z.string().trim().min(1).max(80)),
  role: z.enum(ROLES),
  password: passwordSchema,
  ...scopeFields,
});
export type NewUserRequest = z.infer<typeof newUserSchema>;

export const userPatchSchema = z.strictObject({
  displayName: withoutControls(z.string().trim().min(1).max(80)).optional(),
  role: z.enum(ROLES).optional(),
  password: passwordSchema.optional(),
  disabled: z.boolean().optional(),
  ...scopeFields,
});
export type UserPatchRequest = z.infer<typeof userPatchSchema>;

/** An account as the administrator sees it. */
export interface UserRecord extends SessionUser {
  id: number;
  disabled: boolean;
  demo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface UsersResponse {
  items: UserRecord[];
}
