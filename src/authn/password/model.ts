import type { Algorithm, Options } from '@node-rs/argon2';
import { COMMON_PASSWORDS, stem } from './common-passwords';

/**
 * argon2id with the OWASP Password Storage Cheat Sheet's first
 * configuration: 19 MiB of memory, 2 iterations, 1 degree of parallelism.
 */
export const ARGON2_OPTIONS: Options = {
  // Algorithm.Argon2id; a const enum the compiler cannot inline under isolatedModules.
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
};

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

export type PasswordProblem = 'password.too_short' | 'password.too_long' | 'password.same_as_username' | 'password.too_common';
export type UsernameProblem = 'password.username_format';

/** 3–64 characters: letters, digits, dot, hyphen, underscore, @ (so an e-mail address works). */
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}$/;

export function usernameProblem(username: string): UsernameProblem | undefined {
  return USERNAME.test(username) ? undefined : 'password.username_format';
}

/**
 * The rules a new password must meet (NIST SP 800-63B: length rather than
 * composition, and no password found on a list of common ones).
 */
export function passwordProblem(password: string, username: string): PasswordProblem | undefined {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return 'password.too_short';
  if (length > MAX_PASSWORD_LENGTH) return 'password.too_long';
  const lower = password.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name && (lower === name || lower.includes(name) || name.includes(lower))) return 'password.same_as_username';
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(stem(password)) || new Set(lower).size <= 2) return 'password.too_common';
  return undefined;
}
