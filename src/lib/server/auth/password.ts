import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

/** argon2id at OWASP's minimum (19 MiB, 2 iterations, 1 lane); algorithm 2 is argon2id. */
const ARGON2_OPTIONS = {
  algorithm: 2 as Algorithm,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

const commonPasswords = new Set(
  (dictionary['passwords-common'] as string[]).map((word) => word.toLowerCase()),
);

/** Hashes a password with argon2id into a PHC string. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/** Checks a password; with no stored hash it still spends the same argon2 work, so timing reveals nothing. */
export async function verifyPassword(
  storedHash: string | null,
  password: string,
): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hashPassword('switchyard-timing-equaliser');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** Why a new password is refused, or null when it is acceptable. */
export function checkPasswordPolicy(password: string, email?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `Use at least ${MIN_PASSWORD_LENGTH} characters; a short phrase of four or five words works well.`;
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  }
  const lowered = password.toLowerCase();
  if (commonPasswords.has(lowered)) {
    return 'That password appears in lists of common passwords; choose another.';
  }
  if (email && lowered === email.toLowerCase()) {
    return 'Do not use your email address as your password.';
  }
  if (/^(.)\1+$/.test(password)) return 'Do not repeat one character; choose a phrase instead.';
  return null;
}
