import { describe, expect, it } from 'vitest';
import { coversUnit, decideAuthorization, validOn, type ApplicationFacts, type HeldRight } from './model';

const app: ApplicationFacts = {
  permissions: ['read', 'modify', 'sign', 'manage'],
  roles: new Map([
    ['relecteur', ['read']],
    ['editeur', ['read', 'modify', 'sign']],
    ['beheerder', ['read', 'manage']],
  ]),
};
const TODAY = '2026-11-24';
const right = (roleCode: string, extra: Partial<HeldRight> = {}): HeldRight => ({ roleCode, unitId: null, unitNumber: null, validFrom: '2026-01-01', validUntil: null, ...extra });
const UNIT = { unitId: '6f1c0c1e-7d2a-4c55-9a43-3b7c1a2f0e11', unitNumber: '2241097304' };

describe('the authorization decision', () => {
  it('allows what a held role grants, naming the role', () => {
    expect(decideAuthorization(app, [right('editeur')], { permission: 'sign', today: TODAY })).toEqual({
      allow: true,
      code: 'granted',
      reason: 'granted by role editeur',
      role: { code: 'editeur', unit: null, validFrom: '2026-01-01', validUntil: null },
    });
  });

  it('denies an unknown application before anything else', () => {
    expect(decideAuthorization(undefined, [right('editeur')], { permission: 'sign', today: TODAY })).toEqual({ allow: false, code: 'application_unknown', reason: 'application unknown' });
  });

  it('denies a permission the application does not define', () => {
    expect(decideAuthorization(app, [right('editeur')], { permission: 'fly', today: TODAY })).toMatchObject({ allow: false, code: 'permission_unknown' });
  });

  it('denies a person without any right', () => {
    expect(decideAuthorization(app, [], { permission: 'read', today: TODAY })).toEqual({ allow: false, code: 'no_active_role', reason: 'no active role' });
  });

  it('denies when the held roles lack the permission, naming them', () => {
    expect(decideAuthorization(app, [right('relecteur'), right('beheerder')], { permission: 'sign', today: TODAY })).toEqual({
      allow: false,
      code: 'permission_not_in_role',
      reason: 'permission sign not in role relecteur, beheerder',
    });
  });

  it('lets one role grant what another lacks', () => {
    expect(decideAuthorization(app, [right('relecteur'), right('beheerder')], { permission: 'manage', today: TODAY })).toMatchObject({ allow: true, reason: 'granted by role beheerder' });
  });

  it('counts a right only within its validity, both ends included', () => {
    const period = { validFrom: '2026-11-24', validUntil: '2026-11-30' };
    expect(validOn(period, '2026-11-23')).toBe(false);
    expect(validOn(period, '2026-11-24')).toBe(true);
    expect(validOn(period, '2026-11-30')).toBe(true);
    expect(validOn(period, '2026-12-01')).toBe(false);
    expect(validOn({ validFrom: '2020-01-01', validUntil: null }, '2099-12-31')).toBe(true);
    expect(decideAuthorization(app, [right('editeur', { validUntil: '2026-11-23' })], { permission: 'read', today: TODAY })).toMatchObject({ allow: false, code: 'no_active_role' });
    expect(decideAuthorization(app, [right('editeur', { validFrom: '2026-11-25' })], { permission: 'read', today: TODAY })).toMatchObject({ allow: false, code: 'no_active_role' });
  });

  it('ignores a right whose role the catalog no longer has', () => {
    expect(decideAuthorization(app, [right('retired')], { permission: 'read', today: TODAY })).toMatchObject({ allow: false, code: 'no_active_role' });
  });

  it('lets a right for the whole enterprise cover every unit', () => {
    expect(coversUnit({ unitId: null, unitNumber: null }, undefined)).toBe(true);
    expect(coversUnit({ unitId: null, unitNumber: null }, '2241097304')).toBe(true);
    expect(decideAuthorization(app, [right('editeur')], { permission: 'read', unit: '2241097304', today: TODAY })).toMatchObject({ allow: true });
  });

  it('lets a unit’s right cover that unit, by id or by number (dots allowed), and no other', () => {
    expect(coversUnit(UNIT, UNIT.unitId)).toBe(true);
    expect(coversUnit(UNIT, '2.241.097.304')).toBe(true);
    expect(coversUnit(UNIT, '2241097403')).toBe(false);
    expect(decideAuthorization(app, [right('beheerder', UNIT)], { permission: 'manage', unit: '2241097304', today: TODAY })).toEqual({
      allow: true,
      code: 'granted',
      reason: 'granted by role beheerder',
      role: { code: 'beheerder', unit: '2241097304', validFrom: '2026-01-01', validUntil: null },
    });
    expect(decideAuthorization(app, [right('beheerder', UNIT)], { permission: 'manage', unit: '2241097403', today: TODAY })).toEqual({
      allow: false,
      code: 'unit_mismatch',
      reason: 'unit mismatch: no role for unit 2241097403',
    });
  });

  it('denies a question about the whole enterprise when the only right is a unit’s', () => {
    expect(decideAuthorization(app, [right('beheerder', UNIT)], { permission: 'manage', today: TODAY })).toMatchObject({ allow: false, code: 'unit_mismatch', reason: 'unit mismatch: the role is scoped to a unit' });
  });

  it('names the first missing thing: permission before unit', () => {
    expect(decideAuthorization(app, [right('relecteur', UNIT)], { permission: 'sign', unit: '2241097403', today: TODAY })).toMatchObject({ code: 'permission_not_in_role' });
  });
});
