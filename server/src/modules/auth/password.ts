import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** argon2id at OWASP's floor: 19 MiB, two passes, one lane. (2 is Algorithm.Argon2id; the enum is const.) */
const OPTIONS = { algorithm: 2 as Algorithm, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** A hash of nothing anyone knows: verified against when the user does not exist, so both paths take as long. */
let decoyHash: Promise<string> | null = null;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  decoyHash ??= hashPassword(`decoy-${Math.random()}`);
  const target = passwordHash ?? (await decoyHash);
  const ok = await verify(target, password).catch(() => false);
  return ok && passwordHash !== null;
}

/**
 * A generated one-time password carries about 80 random bits, so guessing it is out of reach however
 * fast the hash; a light argon2id keeps a 1,000-account import in seconds. It is replaced at first sign-in.
 */
const ONE_TIME_OPTIONS = { algorithm: 2 as Algorithm, memoryCost: 1024, timeCost: 1, parallelism: 1 };

export function hashOneTimePassword(password: string): Promise<string> {
  return hash(password, ONE_TIME_OPTIONS);
}
