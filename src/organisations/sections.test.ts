import { describe, expect, it } from 'vitest';
import type { Mandate, MandateKind } from './model';
import { sectionsFor } from './sections';

const AT = new Date('2026-11-24T09:00:00Z');
const E = '0212685564';
const ME = 'person-me';

function mandate(kind: MandateKind, scope: Partial<Mandate> = {}): Mandate {
  return { id: `m-${kind}`, enterpriseNumber: E, personId: ME, kind, domain: null, application: null, unitId: null, validFrom: '2026-01-01', validUntil: null, revokedAt: null, ...scope };
}
const actor = (mandates: Mandate[], representativeOf: string[] = []) => ({ personId: ME, mandates, representativeOf });

describe('the sections of the enterprise bar', () => {
  it('a legal representative without a mandate sees no Persons section', () => {
    expect(sectionsFor(actor([], [E]), E, AT)).toEqual(['home', 'managers', 'units']);
  });

  it('a local manager sees Persons, for the users of their unit', () => {
    expect(sectionsFor(actor([mandate('local_manager', { unitId: 'u1' })]), E, AT)).toEqual(['home', 'managers', 'units', 'persons']);
  });

  it('the principal and the entity access responsible see every section', () => {
    expect(sectionsFor(actor([mandate('principal')]), E, AT)).toContain('persons');
    expect(sectionsFor(actor([mandate('entity_access_responsible')]), E, AT)).toContain('persons');
  });

  it('an application administrator manages no user, so sees no Persons section', () => {
    expect(sectionsFor(actor([mandate('application_administrator', { domain: 'finances', application: 'a' })]), E, AT)).toEqual(['home', 'managers', 'units']);
  });

  it('a revoked mandate or another enterprise’s opens nothing', () => {
    expect(sectionsFor(actor([mandate('principal', { revokedAt: new Date('2026-11-01T00:00:00Z') })]), E, AT)).toEqual([]);
    expect(sectionsFor(actor([mandate('principal', { enterpriseNumber: '0723641873' })]), E, AT)).toEqual([]);
  });
});
