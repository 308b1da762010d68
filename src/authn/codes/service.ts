import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { auditAttempt, type AttemptFactor } from '../attempts';
import { markKeyUsed } from '../digital-keys/service';
import { checkThrottle, recordThrottledFailure, recordThrottledSuccess, type ThrottleSubject } from '../throttle';
import { codeKeyOf, useLoginCode } from './channels';
import { hasTokenCard, verifyTokenCode } from './token-card/service';
import { hasTotp, verifyTotp } from './totp/service';

/** The security code that completes a password: what `?code=` names on the login. */
export type CodeKind = 'totp' | 'sms' | 'email' | 'token';
export const CODE_KINDS: readonly CodeKind[] = ['totp', 'sms', 'email', 'token'];

export function isCodeKind(value: unknown): value is CodeKind {
  return typeof value === 'string' && (CODE_KINDS as readonly string[]).includes(value);
}

const FACTOR: Record<CodeKind, AttemptFactor> = { totp: 'totp', sms: 'sms', email: 'email', token: 'token_card' };

/** Whether the person has an active key of this kind, before asking for its code. */
export async function hasCodeKey(ctx: AppContext, personId: string, kind: CodeKind): Promise<boolean> {
  if (kind === 'totp') return hasTotp(ctx, personId);
  if (kind === 'token') return hasTokenCard(ctx, personId);
  return Boolean(await codeKeyOf(ctx, personId, kind));
}

export interface CodeAttempt {
  personId: string;
  nrn: string;
  kind: CodeKind;
  code: string;
  /** For a token card: the position the login asked for. */
  position?: number;
  address: string;
  requestId?: string;
}

/** Throttle counters of security codes are per person (and per address), apart from the password's. */
export function codeSubject(personId: string, address: string): ThrottleSubject {
  return { account: `code:${personId}`, address };
}

/**
 * The second step of a password key: throttled per person and address,
 * audited, and on success the key is marked used (which keeps a token card
 * alive). Refusals throw an AppError tied to the `code` field.
 */
export async function verifySecurityCode(ctx: AppContext, attempt: CodeAttempt): Promise<void> {
  const subject = codeSubject(attempt.personId, attempt.address);
  const audit = { factor: FACTOR[attempt.kind], nrn: attempt.nrn, address: attempt.address, requestId: attempt.requestId };
  const throttle = await checkThrottle(ctx, subject);
  if (!throttle.allowed) {
    await auditAttempt(ctx, { ...audit, outcome: 'blocked' });
    throw new AppError('throttle.blocked', 429, { seconds: throttle.retryAfterSeconds }, 'code');
  }
  const result =
    attempt.kind === 'totp'
      ? await verifyTotp(ctx, attempt.personId, attempt.code)
      : attempt.kind === 'token'
        ? await verifyTokenCode(ctx, attempt.personId, attempt.position ?? 0, attempt.code)
        : await useLoginCode(ctx, attempt.personId, attempt.kind, attempt.code);
  if (!result.ok) {
    await recordThrottledFailure(ctx, subject);
    await auditAttempt(ctx, { ...audit, outcome: 'failed', reason: result.reason });
    throw new AppError(result.reason === 'replayed' ? 'codes.replayed' : result.reason === 'expired' ? 'codes.expired' : 'codes.invalid', 400, {}, 'code');
  }
  await recordThrottledSuccess(ctx, subject);
  await markKeyUsed(ctx.db, result.keyId, ctx.clock.now());
  await auditAttempt(ctx, { ...audit, outcome: 'succeeded' });
}

/**
 * Runs the check of an activation code (TOTP enrolment, SMS or e-mail
 * proof) behind the same throttle as login codes: a wrong code counts as a
 * failure, a blocked person gets no check at all.
 */
export async function throttledActivation<T>(ctx: AppContext, who: { personId: string; nrn: string; address: string; factor: AttemptFactor; requestId?: string }, check: () => Promise<T>): Promise<T> {
  const subject = codeSubject(who.personId, who.address);
  const audit = { factor: who.factor, nrn: who.nrn, address: who.address, requestId: who.requestId, reason: 'activation' };
  const throttle = await checkThrottle(ctx, subject);
  if (!throttle.allowed) {
    await auditAttempt(ctx, { ...audit, outcome: 'blocked' });
    throw new AppError('throttle.blocked', 429, { seconds: throttle.retryAfterSeconds }, 'code');
  }
  try {
    const result = await check();
    await recordThrottledSuccess(ctx, subject);
    await auditAttempt(ctx, { ...audit, outcome: 'succeeded' });
    return result;
  } catch (error) {
    if (error instanceof AppError && error.field === 'code') {
      await recordThrottledFailure(ctx, subject);
      await auditAttempt(ctx, { ...audit, outcome: 'failed' });
    }
    throw error;
  }
}
