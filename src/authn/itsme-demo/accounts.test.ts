import { describe, expect, it } from 'vitest';
import { DEMO } from '../../registries/demo';
import { loadDemoAccounts, normalizePhone } from './accounts';

describe('demo itsme accounts', () => {
  it('understands a mobile number however it is typed', () => {
    for (const typed of ['+32470123401', '+32 470 12 34 01', '0470 12 34 01', '0470/12.34.01', '0032470123401']) {
      expect(normalizePhone(typed)).toBe('+32470123401');
    }
    expect(normalizePhone('hello')).toBeUndefined();
    expect(normalizePhone('123')).toBeUndefined();
  });

  it('maps the demo phone numbers to demo persons, one without a national number and one at the basic level', () => {
    const accounts = loadDemoAccounts();
    expect(accounts.get('+32470123401')).toEqual({ phone: '+32470123401', nrn: DEMO.persons.legalRepresentative, level: 'advanced' });
    expect(accounts.get('+32470123402')?.nrn).toBe(DEMO.persons.principalAccessManager);
    expect(accounts.get('+32470123498')).toMatchObject({ nrn: null, level: 'advanced' });
    expect(accounts.get('+32470123499')).toMatchObject({ level: 'basic' });
  });
});
