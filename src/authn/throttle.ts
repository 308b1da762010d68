import type { AppContext } from '../platform/context';
import { blockedUntil, delayAfter, scopeOf, secondsLeft, THROTTLE_RULES, throttleKey } from './throttle/model';
import { blockUntil, clearCounter, countFailure, readBlocks } from './throttle/store';

export { delayAfter, throttleKey, THROTTLE_RULES } from './throttle/model';

/**
 * The counters one attempt is checked against: the account it names (a
 * username, whether or not it exists, or a person for a security code) and
 * the client address. Unknown accounts are counted like known ones, so the
 * answers and delays do not tell them apart.
 */
export interface ThrottleSubject {
  /**
   * e.g. `password:jan.peeters` or `code:<person id>`; none when the attempt
   * names no account before it is verified (a passkey): the address alone is counted.
   */
  account?: string;
  address: string;
}

function keysOf(subject: ThrottleSubject): string[] {
  const address = throttleKey('address', subject.address);
  return subject.account === undefined ? [address] : [throttleKey('account', subject.account), address];
}

/** `accountCounted`: whether the account had a counter when checked (a success then has one to clear). */
export type ThrottleCheck = { allowed: true; accountCounted: boolean } | { allowed: false; retryAfterSeconds: number };

/** Checked before any secret is verified: a blocked subject gets no verification at all. */
export async function checkThrottle(ctx: Pick<AppContext, 'db' | 'clock'>, subject: ThrottleSubject): Promise<ThrottleCheck> {
  const now = ctx.clock.now();
  const counters = await readBlocks(ctx.db, keysOf(subject));
  const until = blockedUntil(now, counters.map((c) => c.blockedUntil));
  if (until) return { allowed: false, retryAfterSeconds: secondsLeft(now, until) };
  const account = subject.account === undefined ? undefined : throttleKey('account', subject.account);
  return { allowed: true, accountCounted: counters.some((c) => c.key === account) };
}

/** Counts a failure on both counters and sets the growing delay each has earned. */
export async function recordThrottledFailure(ctx: Pick<AppContext, 'db' | 'clock'>, subject: ThrottleSubject): Promise<void> {
  const now = ctx.clock.now();
  for (const key of keysOf(subject)) {
    const rule = THROTTLE_RULES[scopeOf(key)];
    const failures = await countFailure(ctx.db, key, now, new Date(now.getTime() - rule.forgetAfterMs));
    const delay = delayAfter(failures, rule);
    if (delay > 0) await blockUntil(ctx.db, key, new Date(now.getTime() + delay));
  }
}

/**
 * A success clears the account's counter. The address keeps its own: one
 * valid account of their own must not let someone reset the count of
 * their guesses at others'. Given the check made before the verification,
 * an account that had no counter then is not written to (most successes):
 * a failure counted by a concurrent attempt in between stays counted,
 * which errs on the side of the throttle.
 */
export async function recordThrottledSuccess(ctx: Pick<AppContext, 'db'>, subject: ThrottleSubject, checked?: ThrottleCheck): Promise<void> {
  if (subject.account === undefined) return;
  if (checked?.allowed && !checked.accountCounted) return;
  await clearCounter(ctx.db, throttleKey('account', subject.account));
}
