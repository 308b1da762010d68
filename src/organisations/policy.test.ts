import { describe, expect, it } from 'vitest';
import type { Mandate, MandateKind } from './model';
import { ACTION_TYPES, designatableKinds, may, type Action, type Actor } from './policy';

/*
 * Every mandate (each kind, each state) × every action × every target, against
 * an expectation table written independently of the policy's code: only the
 * combinations listed as allowed pass.
 */

const AT = new Date('2026-11-24T09:00:00Z');
const E = '0723641873';
const OTHER_E = '0212685564';
const ME = 'person-me';
const U1 = 'unit-1';
const U2 = 'unit-2';
const APPS = [
  { domain: 'finances', application: 'fin-a' },
  { domain: 'finances', application: 'fin-b' },
  { domain: 'mobility', application: 'mob-a' },
  { domain: 'social_security', application: 'ss-a' },
] as const;
const DOMAINS = ['finances', 'mobility', 'social_security'] as const;

function mandate(kind: MandateKind, scope: Partial<Mandate> = {}): Mandate {
  return { id: `m-${kind}`, enterpriseNumber: E, personId: ME, kind, domain: null, application: null, unitId: null, validFrom: '2026-01-01', validUntil: null, revokedAt: null, ...scope };
}

/** The current mandates, each with a scope, under a readable name. */
const CURRENT: Record<string, Mandate> = {
  principal: mandate('principal'),
  co_principal: mandate('co_principal'),
  'domain_access_manager(finances)': mandate('domain_access_manager', { domain: 'finances' }),
  'application_administrator(finances/fin-a)': mandate('application_administrator', { domain: 'finances', application: 'fin-a' }),
  entity_access_responsible: mandate('entity_access_responsible'),
  'local_manager(unit-1)': mandate('local_manager', { unitId: U1 }),
};

/** Each mandate made not to grant anything: not yet, no longer, withdrawn, someone else's. */
const SPOILED: Record<string, (m: Mandate) => Mandate> = {
  scheduled: (m) => ({ ...m, validFrom: '2026-11-25' }),
  expired: (m) => ({ ...m, validUntil: '2026-11-23' }),
  revoked: (m) => ({ ...m, revokedAt: new Date('2026-11-24T08:59:59Z') }),
  "someone else's": (m) => ({ ...m, personId: 'person-other' }),
};

interface Target {
  label: string;
  action: Action;
}

function targets(enterprise: string): Target[] {
  const list: Target[] = [
    { label: 'view managers', action: { type: 'view_managers', enterprise } },
    { label: 'designate_principal', action: { type: 'designate_principal', enterprise } },
  ];
  const mandateTargets = [
    { label: 'principal', mandate: { kind: 'principal' as const } },
    { label: 'co_principal', mandate: { kind: 'co_principal' as const } },
    ...DOMAINS.map((domain) => ({ label: `domain_access_manager(${domain})`, mandate: { kind: 'domain_access_manager' as const, domain } })),
    ...APPS.map((a) => ({ label: `application_administrator(${a.domain}/${a.application})`, mandate: { kind: 'application_administrator' as const, ...a } })),
    { label: 'entity_access_responsible', mandate: { kind: 'entity_access_responsible' as const } },
    ...[U1, U2].map((unitId) => ({ label: `local_manager(${unitId})`, mandate: { kind: 'local_manager' as const, unitId } })),
  ];
  for (const type of ['designate', 'revoke'] as const) {
    for (const t of mandateTargets) list.push({ label: `${type} ${t.label}`, action: { type, enterprise, mandate: t.mandate } });
  }
  for (const unitId of [null, U1, U2]) list.push({ label: `manage users of ${unitId ?? 'the enterprise'}`, action: { type: 'manage_users', enterprise, unitId } });
  for (const a of APPS) {
    for (const unitId of [null, U1, U2]) {
      list.push({ label: `manage assignments ${a.domain}/${a.application} in ${unitId ?? 'the enterprise'}`, action: { type: 'manage_assignments', enterprise, ...a, unitId } });
    }
  }
  return list;
}

const ALL_TARGETS = [...targets(E), ...targets(OTHER_E)];

/** What each current mandate allows, in E only, as a test of the target's label. */
const EXPECTED: Record<string, (label: string) => boolean> = {
  principal: (l) => !['designate_principal', 'designate principal', 'revoke principal'].includes(l),
  co_principal: (l) => l !== 'designate_principal' && !/^(designate|revoke) (principal|co_principal)$/.test(l),
  'domain_access_manager(finances)': (l) =>
    l === 'view managers' ||
    /^(designate|revoke) application_administrator\(finances\//.test(l) ||
    l.startsWith('manage users') ||
    l.startsWith('manage assignments finances/'),
  'application_administrator(finances/fin-a)': (l) => l === 'view managers' || l.startsWith('manage assignments finances/fin-a '),
  entity_access_responsible: (l) =>
    l === 'view managers' || /^(designate|revoke) local_manager/.test(l) || l.startsWith('manage users') || l.startsWith('manage assignments social_security/'),
  'local_manager(unit-1)': (l) => l === 'view managers' || l === 'manage users of unit-1' || l === 'manage assignments social_security/ss-a in unit-1',
};

function check(actor: Actor, allowed: (target: Target, enterprise: string) => boolean) {
  const wrong: string[] = [];
  for (const target of ALL_TARGETS) {
    const expected = allowed(target, target.action.enterprise);
    if (may(actor, target.action, AT) !== expected) wrong.push(`${expected ? 'refused' : 'allowed'}: ${target.label} in ${target.action.enterprise}`);
  }
  expect(wrong).toEqual([]);
}

describe('the mandate policy', () => {
  it('covers every action type', () => {
    expect(new Set(ALL_TARGETS.map((t) => t.action.type))).toEqual(new Set(ACTION_TYPES));
  });

  for (const [name, m] of Object.entries(CURRENT)) {
    it(`a current ${name} may do exactly what its mandate allows, in its own enterprise only`, () => {
      check({ personId: ME, mandates: [m], representativeOf: [] }, (t, enterprise) => enterprise === E && EXPECTED[name]!(t.label));
    });
    it(`a ${name} of another enterprise may do nothing in this one (and the same there)`, () => {
      check({ personId: ME, mandates: [{ ...m, enterpriseNumber: OTHER_E }], representativeOf: [] }, (t, enterprise) => enterprise === OTHER_E && EXPECTED[name]!(t.label));
    });
    for (const [state, spoil] of Object.entries(SPOILED)) {
      it(`a ${name} mandate ${state} grants nothing`, () => {
        check({ personId: ME, mandates: [spoil(m)], representativeOf: [] }, () => false);
      });
    }
  }

  it('a person without mandate may do nothing', () => {
    check({ personId: ME, mandates: [], representativeOf: [] }, () => false);
  });

  it('a legal representative may designate the principal and see the managers, of their enterprise only', () => {
    check({ personId: ME, mandates: [], representativeOf: [E] }, (t, enterprise) => enterprise === E && (t.label === 'designate_principal' || t.label === 'view managers'));
  });

  it('a principal who is also a legal representative may designate another principal', () => {
    check({ personId: ME, mandates: [CURRENT.principal!], representativeOf: [E] }, (t, enterprise) => enterprise === E && (t.label === 'designate_principal' || EXPECTED.principal!(t.label)));
  });

  it('mandates add up: a local manager of two units manages both, and still no third', () => {
    const actor = { personId: ME, mandates: [mandate('local_manager', { unitId: U1 }), mandate('local_manager', { unitId: U2, id: 'm2' })], representativeOf: [] };
    expect(may(actor, { type: 'manage_users', enterprise: E, unitId: U1 }, AT)).toBe(true);
    expect(may(actor, { type: 'manage_users', enterprise: E, unitId: U2 }, AT)).toBe(true);
    expect(may(actor, { type: 'manage_users', enterprise: E, unitId: 'unit-3' }, AT)).toBe(false);
  });

  it('a mandate holds on its first and last day, Belgian time', () => {
    const m = mandate('co_principal', { validFrom: '2026-11-24', validUntil: '2026-11-24' });
    const actor = { personId: ME, mandates: [m], representativeOf: [] };
    const action: Action = { type: 'view_managers', enterprise: E };
    expect(may(actor, action, new Date('2026-11-23T23:30:00Z'))).toBe(true); // 00:30 in Brussels
    expect(may(actor, action, new Date('2026-11-24T22:30:00Z'))).toBe(true); // 23:30 in Brussels
    expect(may(actor, action, new Date('2026-11-24T23:30:00Z'))).toBe(false);
    expect(may(actor, action, new Date('2026-11-23T22:30:00Z'))).toBe(false);
  });

  it('offers the kinds of mandate each manager may designate', () => {
    const offer = (m: Mandate) => designatableKinds({ personId: ME, mandates: [m], representativeOf: [] }, E, AT, { domains: DOMAINS, unitIds: [U1] });
    expect(offer(CURRENT.principal!)).toEqual(['co_principal', 'domain_access_manager', 'entity_access_responsible', 'local_manager']);
    expect(offer(CURRENT.co_principal!)).toEqual(['domain_access_manager', 'entity_access_responsible', 'local_manager']);
    expect(offer(CURRENT['local_manager(unit-1)']!)).toEqual([]);
  });
});
