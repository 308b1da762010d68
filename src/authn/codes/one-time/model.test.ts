import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone, newCode, normalisePhone, resendWait } from './model';

describe('single-use codes', () => {
  it('are six digits, leading zeros kept', () => {
    for (let i = 0; i < 50; i++) expect(newCode()).toMatch(/^\d{6}$/);
  });

  it('may be sent again only a minute after the last one', () => {
    const sent = new Date('2026-11-24T10:00:00Z');
    expect(resendWait(new Date('2026-11-24T10:00:20Z'), sent)).toBe(40);
    expect(resendWait(new Date('2026-11-24T10:01:00Z'), sent)).toBe(0);
    expect(resendWait(sent, undefined)).toBe(0);
  });

  it('reads Belgian and international mobile numbers into E.164', () => {
    expect(normalisePhone('0470/12.34.56')).toBe('+32470123456');
    expect(normalisePhone('+32 470 12 34 56')).toBe('+32470123456');
    expect(normalisePhone('0032470123456')).toBe('+32470123456');
    expect(normalisePhone('12345')).toBeUndefined();
  });

  it('shows destinations masked', () => {
    expect(maskPhone('+32470123456')).toBe('+32 4•• •• •• 56');
    expect(maskEmail('emma@example.be')).toBe('e•••@example.be');
  });
});
