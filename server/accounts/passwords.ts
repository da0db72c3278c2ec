/** Argon2id (memory-hard) through @node-rs/argon2, with its recommended defaults (19 MiB, t=2). */
import { hash, verify } from '@node-rs/argon2';

export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash never lets anyone in
  }
}

let dummy: Promise<string> | null = null;
/** Spends the time of one verification when no account matches, so timing does not tell. */
export async function verifyNothing(password: string): Promise<false> {
  dummy ??= hash('no account has this password');
  await verifyPassword(await dummy, password);
  return false;
}
