import { hash, verify } from '@node-rs/argon2';

/** Argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended minimum. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

let verifications = 0;

/** How many argon2 verifications this process has run: lets tests prove both sign-in paths do the work. */
export function passwordVerificationCount(): number {
  return verifications;
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  verifications += 1;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** The throwaway hash, made like every real one so verifying against it costs the same. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('dummy password that matches nothing');
  return dummyHash;
}

/** Verifying against a throwaway hash makes an unknown user name cost what a wrong password costs (R5). */
export async function verifyAgainstDummy(password: string): Promise<void> {
  await verifyPassword(await dummyPasswordHash(), password);
}
