import { describe, expect, it } from 'vitest';
import { dayOf, pickAddress, pickDenomination, pickLabel } from './model';

const names = [
  { language: '2', type: '001', denomination: 'Zonnedak' },
  { language: '1', type: '001', denomination: 'Toit Solaire' },
  { language: '0', type: '002', denomination: 'ZDK' },
  { language: '3', type: '003', denomination: 'Sonnendach Laden' },
];

describe('picking a name', () => {
  it('takes the requested language first', () => {
    expect(pickDenomination(names, '001', 'nl')).toBe('Zonnedak');
    expect(pickDenomination(names, '001', 'fr')).toBe('Toit Solaire');
  });

  it('falls back to a name of unknown language, then French, Dutch, German, English', () => {
    expect(pickDenomination(names, '001', 'de')).toBe('Toit Solaire');
    expect(pickDenomination(names, '002', 'nl')).toBe('ZDK');
    expect(pickDenomination(names, '003', 'en')).toBe('Sonnendach Laden');
    expect(pickDenomination([{ language: '9', type: '001', denomination: 'Odd' }], '001', 'fr')).toBe('Odd');
  });

  it('gives null when there is no name of that type', () => {
    expect(pickDenomination(names, '004', 'fr')).toBeNull();
  });
});

describe('picking a label', () => {
  const rows = [
    { code: '610', language: 'fr', description: 'Société à responsabilité limitée' },
    { code: '610', language: 'nl', description: 'Besloten vennootschap' },
  ];

  it('takes the requested language, else French, else the code itself', () => {
    expect(pickLabel(rows, '610', 'nl')).toEqual({ code: '610', label: 'Besloten vennootschap' });
    expect(pickLabel(rows, '610', 'en')).toEqual({ code: '610', label: 'Société à responsabilité limitée' });
    expect(pickLabel(rows, '999', 'fr')).toEqual({ code: '999', label: '999' });
    expect(pickLabel(rows, null, 'fr')).toBeNull();
  });
});

describe('picking an address', () => {
  const row = {
    type_of_address: 'REGO',
    country_nl: null,
    country_fr: null,
    zipcode: '1000',
    municipality_nl: 'Brussel',
    municipality_fr: 'Bruxelles',
    street_nl: 'Klaprozenstraat',
    street_fr: null,
    house_number: '5',
    box: '',
    extra_address_info: null,
  };

  it('uses Dutch names in Dutch and French ones otherwise, each falling back to the other', () => {
    expect(pickAddress([row], ['REGO'], 'nl')).toMatchObject({ street: 'Klaprozenstraat', municipality: 'Brussel', box: null });
    expect(pickAddress([row], ['REGO'], 'de')).toMatchObject({ street: 'Klaprozenstraat', municipality: 'Bruxelles' });
  });

  it('takes the first of the preferred types, or none', () => {
    expect(pickAddress([row], ['BAET', 'REGO'], 'fr')).not.toBeNull();
    expect(pickAddress([row], ['BAET'], 'fr')).toBeNull();
  });
});

describe('the day of a moment', () => {
  it('is the day in Belgium, summer and winter', () => {
    expect(dayOf(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
    expect(dayOf(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
    expect(dayOf(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });

  it('is given as is when written YYYY-MM-DD, and refused otherwise', () => {
    expect(dayOf('2026-11-24')).toBe('2026-11-24');
    expect(() => dayOf('24/11/2026')).toThrow(TypeError);
  });
});
