import { describe, expect, it } from 'vitest';
import { blockedUntil, delayAfter, secondsLeft, THROTTLE_RULES, throttleKey } from './model';

const account = THROTTLE_RULES.account;

describe('throttling rules', () => {
  it('lets the first two failures of an account through without delay', () => {
    expect(delayAfter(1, account)).toBe(0);
    expect(delayAfter(2, account)).toBe(0);
  });

  it('doubles the delay from the third failure on: 8, 16, 32, 64 seconds', () => {
    expect([3, 4, 5, 6].map((n) => delayAfter(n, account) / 1000)).toEqual([8, 16, 32, 64]);
  });

  it('never blocks for more than 15 minutes, however many failures', () => {
    expect(delayAfter(10, account)).toBe(15 * 60_000);
    expect(delayAfter(1_000, account)).toBe(15 * 60_000);
  });

  it('gives a shared client address more free failures than one account', () => {
    expect(delayAfter(19, THROTTLE_RULES.address)).toBe(0);
    expect(delayAfter(20, THROTTLE_RULES.address)).toBeGreaterThan(0);
  });

  it('counts usernames case-insensitively, so JAN and jan share one counter', () => {
    expect(throttleKey('account', ' Password:JAN ')).toBe(throttleKey('account', 'password:jan'));
  });

  it('is blocked until the latest block in the future, and not by past ones', () => {
    const now = new Date('2026-11-24T10:00:00Z');
    expect(blockedUntil(now, [new Date('2026-11-24T09:59:00Z'), null])).toBeUndefined();
    expect(blockedUntil(now, [new Date('2026-11-24T10:00:08Z'), new Date('2026-11-24T10:00:16Z')])).toEqual(new Date('2026-11-24T10:00:16Z'));
    expect(secondsLeft(now, new Date('2026-11-24T10:00:07.200Z'))).toBe(8);
  });
});
