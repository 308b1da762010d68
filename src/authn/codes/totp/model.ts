import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** One step either side: a phone clock a little off, or a code typed as it changed. */
export const TOTP_WINDOW = 1;
export const TOTP_ISSUER = 'Sésame';

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function isTotpSecret(value: string): boolean {
  return /^[A-Z2-7]{32}$/.test(value);
}

function totp(secret: string, label = '') {
  return new TOTP({ issuer: TOTP_ISSUER, label, algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
}

/** The otpauth:// URI an app scans from the QR code. */
export function otpauthUri(secret: string, label: string): string {
  return totp(secret, label).toString();
}

export function stepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

export type TotpMatch = { ok: true; step: number } | { ok: false; reason: 'invalid' | 'replayed' };

/**
 * Checks a code against the steps around now. A code of a step at or
 * before the last one accepted is a replay (a code seen over a shoulder,
 * or sent twice), refused even within the window.
 */
export function matchTotp(secret: string, token: string, now: Date, lastStep: number | null): TotpMatch {
  const code = token.replace(/\s/g, '');
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'invalid' };
  const delta = totp(secret).validate({ token: code, timestamp: now.getTime(), window: TOTP_WINDOW });
  if (delta === null) return { ok: false, reason: 'invalid' };
  const step = stepAt(now) + delta;
  if (lastStep !== null && step <= lastStep) return { ok: false, reason: 'replayed' };
  return { ok: true, step };
}

/** The code of a secret at a time (for tests and the demo). */
export function totpCodeAt(secret: string, at: Date): string {
  return totp(secret).generate({ timestamp: at.getTime() });
}
