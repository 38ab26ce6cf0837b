import { hash, verify } from '@node-rs/argon2';

/**
 * Passwords are stored as argon2id. 64 MiB and two passes take 50–250 ms here (measured by
 * `npm run bench -- accounts`): slow enough to make guessing a stolen hash expensive, fast
 * enough for a sign-in. The parameters live in each hash, so raising them later keeps old
 * hashes verifiable.
 */
// The package's default algorithm is argon2id (its const enum cannot be imported under isolated modules).
const ARGON2_OPTIONS = { memoryCost: 65_536, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** A hash of nothing anybody knows: verifying against it makes an unknown user cost as much as a known one. */
let decoy: Promise<string> | undefined;

/** True only for the right password; an unknown user (hash undefined) takes the same time and fails. */
export async function checkPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  const target = storedHash ?? (await (decoy ??= hashPassword(`decoy-${Date.now()}`)));
  try {
    return (await verify(target, password)) && storedHash !== undefined;
  } catch {
    return false; // a malformed stored hash opens nothing
  }
}
