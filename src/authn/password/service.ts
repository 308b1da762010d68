import type { AppContext } from '../../platform/context';
import { InputError } from '../../platform/errors';
import { recordAudit, type AuditInput } from '../../platform/audit/audit';
import { attemptEvent, auditAttempt } from '../attempts';
import { addKey } from '../digital-keys/service';
import type { Session } from '../session';
import { checkThrottle, recordThrottledFailure, recordThrottledSuccess } from '../throttle';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './hash';
import { passwordProblem, usernameProblem } from './model';
import { findAccount, insertCredential, usernameOf, usernameTaken, type PasswordAccount } from './store';

export type PasswordCheck =
  | {
      ok: true;
      personId: string;
      nrn: string;
      keyId: string;
      person: PasswordAccount['person'];
      /** The success's audit event, when the caller writes it (`auditSuccess: 'with-identification'`). */
      attempt?: AuditInput;
    }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'blocked'; retryAfterSeconds: number };

/**
 * The first step of every password key. Throttled per username (whether it
 * exists or not) and per address before anything is verified; an unknown
 * username is verified against a dummy hash, so the answer and its timing
 * are those of a wrong password. Every attempt is audited: at once, except
 * a success that ends the identification right away
 * (`auditSuccess: 'with-identification'`), whose event comes back in
 * `attempt` for {@link completeIdentification} to write in the transaction
 * that opens the session.
 */
export async function checkPassword(
  ctx: AppContext,
  attempt: { username: string; password: string; address: string; requestId?: string },
  options: { auditSuccess?: 'now' | 'with-identification' } = {},
): Promise<PasswordCheck> {
  const subject = { account: `password:${attempt.username}`, address: attempt.address };
  const [account, throttle] = await Promise.all([findAccount(ctx.db, attempt.username), checkThrottle(ctx, subject)]);
  const person = account?.person;
  const audit = { factor: 'password' as const, nrn: person?.nrn, address: attempt.address, requestId: attempt.requestId };

  if (!throttle.allowed) {
    await auditAttempt(ctx, { ...audit, outcome: 'blocked' });
    return { ok: false, reason: 'blocked', retryAfterSeconds: throttle.retryAfterSeconds };
  }
  const valid = account ? await verifyPassword(account.hash, attempt.password) : await verifyAgainstDummy(attempt.password);
  if (!valid || !account) {
    await recordThrottledFailure(ctx, subject);
    await auditAttempt(ctx, { ...audit, outcome: 'failed', reason: account ? 'wrong_password' : 'unknown_username' });
    return { ok: false, reason: 'invalid' };
  }
  await recordThrottledSuccess(ctx, subject, throttle);
  const succeeded = attemptEvent({ ...audit, outcome: 'succeeded' });
  const found = { ok: true as const, personId: account.personId, nrn: account.person.nrn, keyId: account.keyId, person: account.person };
  if (options.auditSuccess === 'with-identification') return { ...found, attempt: succeeded };
  await ctx.db.transaction().execute((trx) => recordAudit(trx, ctx.clock.now(), succeeded));
  return found;
}

/** The username a person already has, to fill in when they replace their password. */
export function currentUsername(ctx: Pick<AppContext, 'db'>, personId: string): Promise<string | undefined> {
  return usernameOf(ctx.db, personId);
}

/**
 * Activates (or replaces) the session's person's username + password key.
 * Only from a high-level session (mayActivate, checked by addKey): it is the
 * base of every security-code key.
 */
export async function activatePassword(
  ctx: AppContext,
  session: Session,
  input: { username: string; password: string; confirmation: string },
  requestId?: string,
): Promise<string> {
  const username = input.username.trim();
  const badUsername = usernameProblem(username);
  if (badUsername) throw new InputError('username', badUsername);
  const badPassword = passwordProblem(input.password, username);
  if (badPassword) throw new InputError('password', badPassword);
  if (input.password !== input.confirmation) throw new InputError('confirmation', 'password.confirmation_differs');
  if (await usernameTaken(ctx.db, username, session.personId)) throw new InputError('username', 'password.username_taken');
  const hash = await hashPassword(input.password);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const keyId = await addKey(trx, ctx, session, 'password', username, requestId);
      await insertCredential(trx, { keyId, personId: session.personId, username, hash });
      return keyId;
    });
  } catch (error) {
    // Someone else took the username between the check and the insert.
    if ((error as { code?: string }).code === '23505') throw new InputError('username', 'password.username_taken');
    throw error;
  }
}
