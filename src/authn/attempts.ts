import { recordAudit, type AuditInput } from '../platform/audit/audit';
import type { AppContext } from '../platform/context';

/** What was guessed: a password, a security code of a channel, or a token-card position. */
export type AttemptFactor = 'password' | 'totp' | 'sms' | 'email' | 'token_card' | 'passkey';
export type AttemptOutcome = 'succeeded' | 'failed' | 'blocked';

export interface Attempt {
  factor: AttemptFactor;
  outcome: AttemptOutcome;
  nrn?: string;
  address: string;
  reason?: string;
  requestId?: string;
}

/**
 * The audit event of one attempt at a guessable secret, whatever its
 * outcome, without the secret nor the username typed (a person who types
 * their password in the username field must not find it in the log): the
 * person when the account exists, the client address, and why it failed.
 */
export function attemptEvent(attempt: Attempt): AuditInput {
  return {
    actor: attempt.nrn ? `person:${attempt.nrn}` : `address:${attempt.address}`,
    action: `authn.attempt.${attempt.outcome}`,
    target: attempt.nrn ? `person:${attempt.nrn}` : null,
    details: { factor: attempt.factor, address: attempt.address, ...(attempt.reason ? { reason: attempt.reason } : {}) },
    requestId: attempt.requestId,
  };
}

/** Audits one attempt in a transaction of its own. */
export async function auditAttempt(ctx: Pick<AppContext, 'db' | 'clock'>, attempt: Attempt): Promise<void> {
  await ctx.db.transaction().execute((trx) => recordAudit(trx, ctx.clock.now(), attemptEvent(attempt)));
}
