import { randomInt } from 'node:crypto';

/** Codes sent by SMS or e-mail: six digits, five minutes, five tries, one resend a minute. */
export const CODE_TTL_MS = 5 * 60_000;
export const MAX_CODE_ATTEMPTS = 5;
export const RESEND_INTERVAL_MS = 60_000;

export type CodeChannel = 'sms' | 'email';

export function newCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/** What a code is for, bound into its hash: a login, or the activation of a key to one destination. */
export function loginPurpose(): string {
  return 'login';
}

export function activationPurpose(channel: CodeChannel, destination: string): string {
  return `activate:${channel}:${destination}`;
}

/** Seconds before another code may be sent, 0 when it may be now. */
export function resendWait(now: Date, lastSentAt: Date | undefined): number {
  if (!lastSentAt) return 0;
  const wait = lastSentAt.getTime() + RESEND_INTERVAL_MS - now.getTime();
  return wait > 0 ? Math.ceil(wait / 1000) : 0;
}

/** A code as typed: spaces and dashes removed. */
export function normaliseCode(typed: string): string {
  return typed.replace(/[\s-]/g, '');
}

/**
 * A Belgian or international mobile number in E.164: "+32 470 12 34 56",
 * "0470/12.34.56" and "0032470123456" all become +32470123456.
 */
export function normalisePhone(typed: string): string | undefined {
  let digits = typed.replace(/[\s./()-]/g, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  else if (/^0[1-9]/.test(digits)) digits = `+32${digits.slice(1)}`;
  return /^\+[1-9]\d{7,14}$/.test(digits) ? digits : undefined;
}

/** "+32 4•• •• •• 56": enough for a person to recognise their number, not enough to learn it. */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)} ${phone.slice(3, 4)}•• •• •• ${phone.slice(-2)}`;
}

/** "j•••@example.be". */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}•••@${domain}`;
}
