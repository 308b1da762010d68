/**
 * Throttling rules for every guessable secret (passwords, security codes,
 * token-card positions): failures are counted per account and per client
 * address, and past a threshold each new failure blocks further attempts
 * for a delay that doubles, up to a cap. Pure functions; the SQL is in store.ts.
 */

/** What a counter is about: one account (username or person) or one client address. */
export type ThrottleScope = 'account' | 'address';

export interface ThrottleRule {
  /** Failures allowed before any delay. */
  freeFailures: number;
  /** The longest a counter can block. */
  maxDelayMs: number;
  /** A counter with no failure for this long starts again from zero. */
  forgetAfterMs: number;
}

/**
 * An address is shared by many people (an office, a mobile operator's NAT),
 * so it gets more free failures than one account; both delays grow the same way.
 */
export const THROTTLE_RULES: Record<ThrottleScope, ThrottleRule> = {
  account: { freeFailures: 3, maxDelayMs: 15 * 60_000, forgetAfterMs: 24 * 3_600_000 },
  address: { freeFailures: 20, maxDelayMs: 15 * 60_000, forgetAfterMs: 24 * 3_600_000 },
};

/**
 * The delay imposed after the n-th consecutive failure: none up to the free
 * failures, then 2^n seconds (3 failures → 8 s, 4 → 16 s …), capped.
 */
export function delayAfter(failures: number, rule: ThrottleRule): number {
  if (failures < rule.freeFailures) return 0;
  // 2^n overflows nothing here: past 2^10 s the cap (15 min = 900 s) applies anyway.
  return Math.min(2 ** Math.min(failures, 30) * 1000, rule.maxDelayMs);
}

/** The counter key of a scope: `account:<id>` or `address:<ip>`; usernames compared case-insensitively. */
export function throttleKey(scope: ThrottleScope, id: string): string {
  return `${scope}:${scope === 'account' ? id.trim().toLowerCase() : id}`;
}

export function scopeOf(key: string): ThrottleScope {
  return key.startsWith('address:') ? 'address' : 'account';
}

/** When attempts may resume, given the counters' block times: undefined when they may go on now. */
export function blockedUntil(now: Date, blocks: Array<Date | null>): Date | undefined {
  const latest = blocks.reduce<number>((max, b) => (b && b.getTime() > max ? b.getTime() : max), 0);
  return latest > now.getTime() ? new Date(latest) : undefined;
}

/** Whole seconds to wait, rounded up, for the message shown. */
export function secondsLeft(now: Date, until: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
