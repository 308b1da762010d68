import { describe, expect, it } from 'vitest';
import type { DigitalKey } from '../digital-keys/service';
import { activationLevel, keyRows, keysDonePath, stepUpPath } from './model';

const key = (kind: DigitalKey['kind'], status: DigitalKey['status'] = 'active'): DigitalKey => ({
  id: `${kind}-${status}`,
  personId: 'p',
  kind,
  status,
  label: null,
  createdAt: new Date('2026-11-24T09:00:00Z'),
  lastUsedAt: null,
});

describe('the rows of “Mes clés numériques”', () => {
  it('asks the eID level to activate a password and the substantial level for every other key', () => {
    expect(activationLevel('password')).toBe('high');
    for (const kind of ['totp', 'sms', 'email', 'token_card', 'passkey'] as const) expect(activationLevel(kind)).toBe('substantial');
  });

  it('offers to activate a kind with no live key, to replace one, and always to add another passkey', () => {
    const rows = keyRows([key('totp'), key('sms', 'deactivated'), key('passkey')], 'substantial');
    const byKind = Object.fromEntries(rows.map((row) => [row.kind, row]));
    expect(byKind.totp).toMatchObject({ action: 'replace', allowed: true });
    expect(byKind.sms).toMatchObject({ action: 'activate', live: [] });
    expect(byKind.passkey).toMatchObject({ action: 'add', allowed: true });
    expect(byKind.password).toMatchObject({ action: 'activate', allowed: false, requiredLevel: 'high' });
  });

  it('lets a low session activate nothing', () => {
    expect(keyRows([], 'low').filter((row) => row.allowed)).toEqual([]);
  });

  it('builds the step-up and success addresses', () => {
    expect(stepUpPath('high')).toBe('/login?loa=high&return=%2Fkeys');
    expect(keysDonePath('replaced', 'totp')).toBe('/keys?done=replaced&kind=totp');
  });
});
