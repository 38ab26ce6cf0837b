import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes: the cookie carries the token, the database only its SHA-256. */
export function createSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A token we could have issued: 43 base64url characters. Anything else is not looked up. */
export function isWellFormedToken(token: string | undefined): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);
}
