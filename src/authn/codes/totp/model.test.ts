import { describe, expect, it } from 'vitest';
import { isTotpSecret, matchTotp, newTotpSecret, otpauthUri, stepAt, totpCodeAt } from './model';

const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const now = new Date('2026-11-24T10:00:10Z');

describe('TOTP codes', () => {
  it('accepts the current code and returns its time step', () => {
    expect(matchTotp(secret, totpCodeAt(secret, now), now, null)).toEqual({ ok: true, step: stepAt(now) });
  });

  it('accepts the code of the step before and after, and no further', () => {
    const before = new Date(now.getTime() - 30_000);
    const after = new Date(now.getTime() + 30_000);
    expect(matchTotp(secret, totpCodeAt(secret, before), now, null)).toEqual({ ok: true, step: stepAt(now) - 1 });
    expect(matchTotp(secret, totpCodeAt(secret, after), now, null)).toEqual({ ok: true, step: stepAt(now) + 1 });
    expect(matchTotp(secret, totpCodeAt(secret, new Date(now.getTime() - 90_000)), now, null)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a replayed code: its step is not after the last one accepted', () => {
    const code = totpCodeAt(secret, now);
    expect(matchTotp(secret, code, now, stepAt(now))).toEqual({ ok: false, reason: 'replayed' });
    const earlier = totpCodeAt(secret, new Date(now.getTime() - 30_000));
    expect(matchTotp(secret, earlier, now, stepAt(now))).toEqual({ ok: false, reason: 'replayed' });
  });

  it('refuses anything but six digits', () => {
    expect(matchTotp(secret, 'abcdef', now, null)).toEqual({ ok: false, reason: 'invalid' });
    expect(matchTotp(secret, '12345', now, null)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('makes 160-bit secrets and an otpauth URI an app can scan', () => {
    const fresh = newTotpSecret();
    expect(isTotpSecret(fresh)).toBe(true);
    expect(otpauthUri(fresh, 'Emma Wouters')).toMatch(/^otpauth:\/\/totp\/S%C3%A9same:Emma%20Wouters\?issuer=S%C3%A9same&secret=[A-Z2-7]{32}&algorithm=SHA1&digits=6&period=30$/);
  });
});
