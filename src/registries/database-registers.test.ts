import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../platform/clock';
import { createTestDatabase, type TestDatabase } from '../platform/testing/database';
import { createRegisters } from './database-registers';
import { DEMO, DEMO_REGISTERS_DIR, loadDemoRegisters, loadDemoRegistersIfEmpty } from './demo';
import { isValidEnterpriseNumber, isValidEstablishmentNumber, isValidNrn, checkEntityNumber } from './identifiers';
import type { Registers } from './ports';

let test: TestDatabase;
let registers: Registers;
const clock = new TestClock(new Date('2026-11-24T09:00:00Z'));
const { persons: P, enterprises: E, establishments: U } = DEMO;

beforeAll(async () => {
  test = await createTestDatabase();
  registers = createRegisters(test.db, clock);
  expect(await loadDemoRegistersIfEmpty(test.db)).toBe(true);
});
afterAll(() => test.drop());

describe('the demo registers', () => {
  it('load only once, into an empty national register', async () => {
    expect(await loadDemoRegistersIfEmpty(test.db)).toBe(false);
  });

  it('load again without a problem, changing nothing', async () => {
    const report = await loadDemoRegisters(test.db);
    expect(report.problemCount).toBe(0);
    expect(report.files.find((f) => f.file === 'persons.csv')).toMatchObject({ lines: 17, applied: 17, skipped: 0 });
    expect(await registers.persons.searchByName({ lastName: 'Vandenbroucke' })).toHaveLength(1);
  });

  it('have valid check digits in every number of every file', () => {
    const checks: Record<string, (value: string) => boolean> = {
      NationalNumber: isValidNrn,
      EnterpriseNumber: isValidEnterpriseNumber,
      EstablishmentNumber: isValidEstablishmentNumber,
      EntityNumber: (value) => checkEntityNumber(value).ok,
    };
    const files = readdirSync(DEMO_REGISTERS_DIR).filter((name) => name.endsWith('.csv'));
    expect(files.sort()).toEqual(['address.csv', 'code.csv', 'denomination.csv', 'enterprise.csv', 'establishment.csv', 'legal_functions.csv', 'persons.csv']);
    let numbers = 0;
    for (const file of files) {
      const rows = parse(readFileSync(path.join(DEMO_REGISTERS_DIR, file)), { columns: true, bom: true }) as Record<string, string>[];
      for (const row of rows) {
        for (const [column, check] of Object.entries(checks)) {
          if (column in row) {
            numbers++;
            expect(check(row[column]!), `${file}: ${column} ${row[column]}`).toBe(true);
          }
        }
      }
    }
    expect(numbers).toBeGreaterThan(80);
  });

  it('name every part the journeys need', async () => {
    const everyone = [...Object.values(P).flat()];
    for (const nrn of everyone) expect(await registers.persons.findPerson(nrn), nrn).not.toBeNull();
    for (const number of Object.values(E)) expect(await registers.enterprises.findEnterprise(number), number).not.toBeNull();
    expect((await registers.enterprises.establishments(E.main)).map((u) => u.number)).toEqual(U.main);
    expect((await registers.enterprises.establishments(E.cpas)).map((u) => u.number)).toEqual(U.cpas);
  });

  it('have persons born before and after 2000, and BIS numbers', async () => {
    const born = async (nrn: string) => (await registers.persons.findPerson(nrn))?.birthDate;
    expect(await born(P.legalRepresentative)).toBe('1968-04-22');
    expect(await born(P.encoders[0])).toBe('2001-06-15');
    expect(await born(P.citizen)).toBe('2004-03-12');
    expect(await born(P.bisPerson)).toBe('1983-10-05');
    expect(await registers.persons.findPerson(P.bisPersonUnknownBirthDate)).toMatchObject({ lastName: 'Nowak', birthDate: null, gender: null });
  });
});

describe('the national register', () => {
  it('finds a person by a number written in any common way', async () => {
    const person = await registers.persons.findPerson('68.04.22-084.33');
    expect(person).toEqual({
      nrn: '68042208433',
      lastName: 'Vandenbroucke',
      firstNames: 'Hélène',
      birthDate: '1968-04-22',
      gender: 'F',
      language: 'fr',
      deathDate: null,
    });
  });

  it('finds nobody for an unknown or invalid number', async () => {
    expect(await registers.persons.findPerson('85.07.31-001.30')).toBeNull();
    expect(await registers.persons.findPerson('68.04.22-084.34')).toBeNull();
  });

  it('searches by the start of the names, ignoring case', async () => {
    expect((await registers.persons.searchByName({ lastName: 'vandenb' })).map((p) => p.firstNames)).toEqual(['Hélène']);
    expect((await registers.persons.searchByName({ lastName: 'FERREIRA', firstName: 'an' })).map((p) => p.nrn)).toEqual([P.bisPerson]);
    expect(await registers.persons.searchByName({ lastName: '%' })).toEqual([]);
    expect(await registers.persons.searchByName({ lastName: '  ' })).toEqual([]);
  });
});

describe('the enterprise register', () => {
  it('gives the legal name in the requested language, falling back to another', async () => {
    const name = async (number: string, lang: 'nl' | 'fr' | 'de' | 'en') => (await registers.enterprises.findEnterprise(number, { lang }))?.name;
    expect(await name(E.main, 'fr')).toBe('Ateliers Zéphyr');
    expect(await name(E.main, 'nl')).toBe('Zephyr Ateliers');
    expect(await name(E.main, 'en')).toBe('Ateliers Zéphyr');
    expect(await name(E.germanSpeaking, 'nl')).toBe('Hohes Venn Werkstätten');
  });

  it('describes an enterprise with its form, situation, registered office and start date', async () => {
    expect(await registers.enterprises.findEnterprise('BE 0723.641.873', { lang: 'nl' })).toEqual({
      number: '0723641873',
      status: 'AC',
      active: true,
      name: 'Zephyr Ateliers',
      abbreviation: null,
      type: 'legal_person',
      juridicalForm: { code: '610', label: 'Besloten vennootschap' },
      juridicalSituation: { code: '000', label: 'Normale toestand' },
      address: {
        street: 'Vergeten Weversstraat',
        houseNumber: '12',
        box: null,
        zipcode: '1000',
        municipality: 'Brussel',
        country: null,
        extra: null,
      },
      startDate: '2009-06-15',
    });
    const cpas = await registers.enterprises.findEnterprise(E.cpas, { lang: 'en' });
    expect(cpas).toMatchObject({ abbreviation: 'CPAS Val-Fleuri', juridicalForm: { label: 'Établissement public' } });
  });

  it('finds nothing for an unknown or invalid number', async () => {
    expect(await registers.enterprises.findEnterprise('0845.059.050')).toBeNull();
    expect(await registers.enterprises.findEnterprise('0723.641.874')).toBeNull();
    expect(await registers.enterprises.establishments('nonsense')).toEqual([]);
  });

  it('lists the establishment units with their commercial names and addresses', async () => {
    const units = await registers.enterprises.establishments(E.main, { lang: 'fr' });
    expect(units.map((u) => [u.number, u.name, u.address?.municipality])).toEqual([
      ['2241097304', 'Ateliers Zéphyr – Atelier central', 'Bruxelles'],
      ['2241097403', 'Ateliers Zéphyr – Namur', 'Namur'],
      ['2241097502', 'Zephyr Ateliers – Gent', 'Gent'],
      ['2241097601', 'Zephyr Werkstatt – Eupen', 'Eupen'],
    ]);
    expect(await registers.enterprises.findEstablishment('2.241.097.502', { lang: 'nl' })).toMatchObject({
      enterpriseNumber: E.main,
      name: 'Zephyr Ateliers – Gent',
      startDate: '2016-10-03',
    });
  });

  it('lists the functions held in an enterprise today, with translated labels', async () => {
    const functions = await registers.enterprises.legalFunctions(E.main, { lang: 'nl' });
    expect(functions.map((f) => [f.nrn, f.code, f.label, f.represents])).toEqual([
      [P.legalRepresentative, 'director', 'Bestuurder', true],
      [P.auditor, 'auditor', 'Commissaris', false],
    ]);
    const in2020 = await registers.enterprises.legalFunctions(E.main, { at: '2020-01-01' });
    expect(in2020.map((f) => f.nrn)).toContain(P.formerDirector);
  });

  it('lists the enterprises where a person holds a function, enough to fill more than one page of ten', async () => {
    const functions = await registers.enterprises.legalFunctionsOf(P.legalRepresentative, { lang: 'fr' });
    expect(functions).toHaveLength(14);
    const names = functions.map((f) => f.enterpriseName);
    expect(names).toEqual([...names].sort((a, b) => a!.localeCompare(b!, 'fr')));
    expect(names).toContain('Ateliers Zéphyr');
    expect(names).not.toContain('Brasserie du Vieux Tilleul');
    expect(functions.find((f) => f.enterpriseNumber === '0452091759')).toMatchObject({ code: 'managing_director', label: 'Administrateur délégué' });
  });

  it('lists the functions at another day', async () => {
    const in2019 = await registers.enterprises.legalFunctionsOf(P.legalRepresentative, { at: '2019-01-01' });
    const numbers = in2019.map((f) => f.enterpriseNumber);
    expect(numbers).toContain(E.formerlyRepresented);
    expect(numbers).not.toContain('1004327607');
  });

  it('knows who represents an enterprise, and when', async () => {
    const represents = registers.enterprises.isLegalRepresentative;
    expect(await represents(P.legalRepresentative, E.main)).toBe(true);
    expect(await represents('68.04.22-084.33', '0723.641.873')).toBe(true);
    expect(await represents(P.principalAccessManager, E.main)).toBe(false);
    expect(await represents(P.auditor, E.main)).toBe(false);
    expect(await represents(P.legalRepresentative, E.cpas)).toBe(false);
    expect(await represents(P.cpasChair, E.cpas)).toBe(true);
    expect(await represents('not a number', E.main)).toBe(false);
  });

  it('counts the end date as the last day held, in Belgian time', async () => {
    const represents = registers.enterprises.isLegalRepresentative;
    expect(await represents(P.formerDirector, E.main)).toBe(false);
    expect(await represents(P.formerDirector, E.main, '2023-12-31')).toBe(true);
    expect(await represents(P.formerDirector, E.main, '2024-01-01')).toBe(false);
    expect(await represents(P.formerDirector, E.main, new Date('2023-12-31T22:30:00Z'))).toBe(true);
    expect(await represents(P.formerDirector, E.main, new Date('2023-12-31T23:30:00Z'))).toBe(false);
  });

  it('takes today from the clock', async () => {
    clock.set('2015-02-01T12:00:00Z');
    try {
      expect(await registers.enterprises.isLegalRepresentative(P.legalRepresentative, E.main)).toBe(false);
      expect(await registers.enterprises.isLegalRepresentative(P.formerDirector, E.main)).toBe(true);
    } finally {
      clock.set('2026-11-24T09:00:00Z');
    }
  });
});

describe('the enterprises a person may manage', () => {
  const none = sql<{ enterprise_number: string; capacity: string; since: Date | null }>`select null::text as enterprise_number, null::text as capacity, null::timestamptz as since where false`;
  const page = (request: Partial<Parameters<Registers['enterprises']['managedEnterprises']>[0]>) =>
    registers.enterprises.managedEnterprises({ nrn: P.legalRepresentative, also: none, q: '', offset: 0, limit: 10, lang: 'fr', ...request });

  it('pages the enterprises a person represents by name, with the count of all', async () => {
    const first = await page({});
    const second = await page({ offset: 10 });
    expect(first.total).toBe(14);
    expect(first.rows).toHaveLength(10);
    expect(second.rows).toHaveLength(4);
    const names = [...first.rows, ...second.rows].map((row) => row.name);
    expect(names).toContain('Ateliers Zéphyr');
    expect(names).not.toContain('Brasserie du Vieux Tilleul');
    expect(first.rows.every((row) => row.capacities.join() === 'legal_representative')).toBe(true);
  });

  it('finds a name without its accents and case, or a number by its digits', async () => {
    expect((await page({ q: 'ZEPHYR' })).rows.map((row) => row.number)).toEqual([E.main]);
    expect((await page({ q: 'zéphyr' })).rows.map((row) => row.number)).toEqual([E.main]);
    expect((await page({ q: '0723.641' })).rows.map((row) => row.number)).toEqual([E.main]);
    expect(await page({ q: 'nothing like it' })).toEqual({ total: 0, rows: [] });
  });

  it('adds the rows of another module, legal representation first, and names them in the language asked', async () => {
    const also = sql<{ enterprise_number: string; capacity: string; since: Date | null }>`
      select * from (values (${E.main}, 'co_principal', now()), (${E.germanSpeaking}, 'local_manager', now())) as m (enterprise_number, capacity, since)`;
    const { rows } = await page({ also, q: '', limit: 20, lang: 'nl' });
    expect(rows.find((row) => row.number === E.main)?.capacities).toEqual(['legal_representative', 'co_principal']);
    expect(rows.find((row) => row.number === E.germanSpeaking)).toMatchObject({ capacities: ['local_manager'], name: 'Hohes Venn Werkstätten' });
    expect(rows.find((row) => row.number === E.main)?.name).toBe((await registers.enterprises.findEnterprise(E.main, { lang: 'nl' }))?.name);
  });
});
