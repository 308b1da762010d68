import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../platform/clock';
import { createTestDatabase, type TestDatabase } from '../platform/testing/database';
import { createRegisters } from './database-registers';
import { importRegisters, type ImportReport } from './import';
import type { Registers } from './ports';

let test: TestDatabase;
let registers: Registers;
const root = mkdtempSync(path.join(tmpdir(), 'sesame-import-'));

beforeAll(async () => {
  test = await createTestDatabase();
  registers = createRegisters(test.db, new TestClock(new Date('2026-11-24T09:00:00Z')));
});
afterAll(async () => {
  await test.drop();
  rmSync(root, { recursive: true, force: true });
});

/** Writes a fixture directory; each file is given as its lines. */
function fixture(name: string, files: Record<string, string[]>): string {
  const dir = path.join(root, name);
  mkdirSync(dir);
  for (const [file, lines] of Object.entries(files)) writeFileSync(path.join(dir, file), `${lines.join('\r\n')}\r\n`);
  return dir;
}

const fileReport = (report: ImportReport, file: string) => report.files.find((f) => f.file === file);

// Numbers with real check digits: 0845.059.050 and 0203.201.340 (enterprises), 2.241.097.304 (unit), 85.07.31-001.30 and 01.06.15-172.52 (persons).
const full = {
  'code.csv': [
    '"Category","Code","Language","Description"',
    '"JuridicalForm","610","FR","Société à responsabilité limitée"',
    '"JuridicalForm","610","NL","Besloten vennootschap"',
    '"JuridicalForm","014","FR","Société anonyme"',
  ],
  'enterprise.csv': [
    '"EnterpriseNumber","Status","JuridicalSituation","TypeOfEnterprise","JuridicalForm","JuridicalFormCAC","StartDate"',
    '"0845.059.050","AC","000","2","015","610",01-03-2012',
    '"0203.201.340","AC","000","2","014",,16-02-1923',
  ],
  'establishment.csv': ['"EstablishmentNumber","StartDate","EnterpriseNumber"', '"2.241.097.304",01-03-2012,"0845.059.050"'],
  'denomination.csv': [
    '"EntityNumber","Language","TypeOfDenomination","Denomination"',
    '"0845.059.050","1","001","Pavot, ""Fils"" & Cie"',
    '"0845.059.050","2","001","Klaproos & Zonen"',
    '"0203.201.340","0","001","Energie Zuid"',
    '"2.241.097.304","1","003","Pavot – Atelier"',
  ],
  'address.csv': [
    '"EntityNumber","TypeOfAddress","CountryNL","CountryFR","Zipcode","MunicipalityNL","MunicipalityFR","StreetNL","StreetFR","HouseNumber","Box","ExtraAddressInfo","DateStrikingOff"',
    '"0845.059.050","REGO",,,"1000","Brussel","Bruxelles","Klaprozenstraat","Rue des Coquelicots","5","B","",',
    '"2.241.097.304","BAET",,,"5000","Namen","Namur","Papaverstraat","Rue du Pavot","7","","",',
  ],
  'persons.csv': [
    '"NationalNumber","LastName","FirstNames","BirthDate","Gender","Language","DeathDate"',
    '"85.07.31-001.30","Pavot","Jean Marie",31-07-1985,"M","fr",',
    '"01.06.15-172.52","Klaproos","Lotte",,"F","NL",',
  ],
  'legal_functions.csv': [
    '"EnterpriseNumber","NationalNumber","FunctionCode","StartDate","EndDate"',
    '"0845.059.050","85.07.31-001.30","manager",01-03-2012,',
    '"0203.201.340","01.06.15-172.52","director",01-01-2024,',
  ],
  'meta.csv': ['"Variable","Value"', '"ExtractType","full"'],
  'activity.csv': ['"EntityNumber","ActivityGroup","NaceVersion","NaceCode","Classification"'],
};

describe('importing register files', () => {
  let report: ImportReport;
  beforeAll(async () => {
    report = await importRegisters(test.db, fixture('full', full), { batchSize: 2, progress: false });
  });

  it('imports a full extract and counts the lines of each file', () => {
    expect(report.problems).toEqual([]);
    expect(report.files.map((f) => [f.file, f.lines, f.applied, f.skipped])).toEqual([
      ['code.csv', 3, 3, 0],
      ['persons.csv', 2, 2, 0],
      ['enterprise.csv', 2, 2, 0],
      ['establishment.csv', 1, 1, 0],
      ['denomination.csv', 4, 4, 0],
      ['address.csv', 2, 2, 0],
      ['legal_functions.csv', 2, 2, 0],
    ]);
    expect(report.ignored).toEqual(['activity.csv', 'meta.csv']);
  });

  it('makes what it imported available through the ports', async () => {
    expect(await registers.enterprises.findEnterprise('0845059050', { lang: 'fr' })).toMatchObject({
      name: 'Pavot, "Fils" & Cie',
      juridicalForm: { code: '610', label: 'Société à responsabilité limitée' },
      address: { street: 'Rue des Coquelicots', houseNumber: '5', box: 'B', municipality: 'Bruxelles' },
      startDate: '2012-03-01',
    });
    expect((await registers.enterprises.findEnterprise('0203201340', { lang: 'nl' }))?.name).toBe('Energie Zuid');
    expect(await registers.enterprises.establishments('0845059050', { lang: 'nl' })).toEqual([
      {
        number: '2241097304',
        enterpriseNumber: '0845059050',
        name: 'Pavot – Atelier',
        address: { street: 'Papaverstraat', houseNumber: '7', box: null, zipcode: '5000', municipality: 'Namen', country: null, extra: null },
        startDate: '2012-03-01',
      },
    ]);
    expect(await registers.persons.findPerson('01061517252')).toMatchObject({ firstNames: 'Lotte', birthDate: '2001-06-15', language: 'nl' });
    expect(await registers.enterprises.isLegalRepresentative('85073100130', '0845059050')).toBe(true);
  });

  it('changes nothing when the same files are imported again', async () => {
    const again = await importRegisters(test.db, path.join(root, 'full'), { progress: false });
    expect(again.problems).toEqual([]);
    expect(fileReport(again, 'denomination.csv')).toMatchObject({ lines: 4, applied: 4 });
    expect(await registers.enterprises.legalFunctions('0845059050')).toHaveLength(1);
    expect(await registers.persons.searchByName({ lastName: 'Pavot' })).toHaveLength(1);
  });

  it('applies a monthly update: the deletes first, then the inserts', async () => {
    const update = await importRegisters(
      test.db,
      fixture('update', {
        'enterprise_insert.csv': [
          '"EnterpriseNumber","Status","JuridicalSituation","TypeOfEnterprise","JuridicalForm","JuridicalFormCAC","StartDate"',
          '"0845.059.050","AC","000","2","014",,01-03-2012',
        ],
        'enterprise_delete.csv': ['"EnterpriseNumber"', '"0845.059.050"', '"0203.201.340"'],
        'denomination_delete.csv': ['"EntityNumber"', '"0845.059.050"'],
        'denomination_insert.csv': ['"EntityNumber","Language","TypeOfDenomination","Denomination"', '"0845.059.050","1","001","Pavot Frères"'],
        'establishment_delete.csv': ['"EstablishmentNumber"', '"2.241.097.304"'],
        'legal_functions_delete.csv': ['"EnterpriseNumber"', '"0845.059.050"'],
        'legal_functions_insert.csv': [
          '"EnterpriseNumber","NationalNumber","FunctionCode","StartDate","EndDate"',
          '"0845.059.050","85.07.31-001.30","manager",01-03-2012,30-06-2026',
          '"0845.059.050","01.06.15-172.52","manager",01-07-2026,',
        ],
        'persons_delete.csv': ['"NationalNumber"', '"85.07.31-001.30"'],
      }),
      { progress: false },
    );
    expect(update.problems).toEqual([]);
    expect(update.files.map((f) => f.file)).toEqual([
      'persons_delete.csv',
      'enterprise_delete.csv',
      'establishment_delete.csv',
      'denomination_delete.csv',
      'legal_functions_delete.csv',
      'enterprise_insert.csv',
      'denomination_insert.csv',
      'legal_functions_insert.csv',
    ]);
    expect(fileReport(update, 'enterprise_delete.csv')).toMatchObject({ lines: 2, applied: 2, deleted: 2 });
    expect(fileReport(update, 'denomination_delete.csv')).toMatchObject({ deleted: 2 });

    expect(await registers.enterprises.findEnterprise('0203201340')).toBeNull();
    expect(await registers.enterprises.findEnterprise('0845059050', { lang: 'nl' })).toMatchObject({
      name: 'Pavot Frères',
      juridicalForm: { code: '014', label: 'Société anonyme' },
    });
    expect(await registers.enterprises.establishments('0845059050')).toEqual([]);
    expect(await registers.persons.findPerson('85073100130')).toBeNull();
    expect((await registers.enterprises.legalFunctions('0845059050')).map((f) => f.nrn)).toEqual(['01061517252']);
    expect(await registers.enterprises.isLegalRepresentative('85073100130', '0845059050', '2026-06-30')).toBe(true);
  });
});

describe('a file that does not fit', () => {
  it('has its bad lines reported with file and line and skipped, the rest imported', async () => {
    const problems: string[] = [];
    const report = await importRegisters(
      test.db,
      fixture('bad-lines', {
        'persons.csv': [
          '"NationalNumber","LastName","FirstNames","BirthDate","Gender","Language","DeathDate"',
          '"68.04.22-084.33","Vandenbroucke","Hélène",22-04-1968,"F","fr",',
          '"68.04.22-084.34","Checksum","Wrong",,,,',
          '"6804220843","Short","Number",,,,',
          '"ABCDEFGHIJK","Letters","Only",,,,',
          '"90.09.03-246.65","Lambert","Sophie",03-09-1991,"F","fr",',
          '"79.12.30-059.08","Peeters","Jan",,"Q","nl",',
          '"79.12.30-059.08","","Jan",,,"nl",',
          '"79.12.30-059.08","Peeters"',
          '',
          '"04.03.12-364.89","Wouters","Emma",,"F","nl",',
        ],
        'enterprise.csv': [
          '"EnterpriseNumber","Status","JuridicalSituation","TypeOfEnterprise","JuridicalForm","JuridicalFormCAC","StartDate"',
          '"0723.641.873","AC","000","2","610",,31-02-2009',
          '"0723.641.873","AC","000","2","610",,2009-06-15',
          '"0723.641.873","AC","000","2","610",,15-06-2009',
        ],
        'legal_functions.csv': [
          '"EnterpriseNumber","NationalNumber","FunctionCode","StartDate","EndDate"',
          '"0723.641.873","68.04.22-084.33","king",01-03-2015,',
          '"0723.641.873","68.04.22-084.33","director",,',
          '"0723.641.873","68.04.22-084.33","director",01-03-2015,01-01-2015',
          '"2.241.097.304","68.04.22-084.33","director",01-03-2015,',
          '"0723.641.873","68.04.22-084.33","director",01-03-2015,',
        ],
      }),
      { progress: false, onProblem: (p) => problems.push(`${p.file}:${p.line}`) },
    );
    expect(report.problems.map((p) => [p.file, p.line, p.message])).toEqual([
      ['persons.csv', 3, 'NationalNumber "68.04.22-084.34": This national register number is not valid: its check digits do not match.'],
      ['persons.csv', 4, 'NationalNumber "6804220843": A national register number has 11 digits, for example 85.07.31-001.30.'],
      ['persons.csv', 5, 'NationalNumber "ABCDEFGHIJK": A national register number has 11 digits, for example 85.07.31-001.30.'],
      ['persons.csv', 6, 'BirthDate "03-09-1991" differs from the one in the national number (1990-09-03)'],
      ['persons.csv', 7, 'Gender "Q" is not one of M, F, X'],
      ['persons.csv', 8, 'LastName is empty'],
      ['persons.csv', 9, 'expected 7 fields, found 2'],
      ['enterprise.csv', 2, 'StartDate "31-02-2009" is not a date in the form dd-mm-yyyy'],
      ['enterprise.csv', 3, 'StartDate "2009-06-15" is not a date in the form dd-mm-yyyy'],
      ['legal_functions.csv', 2, 'FunctionCode "king" is not one of director, manager, managing_director, chair, permanent_representative, liquidator, auditor'],
      ['legal_functions.csv', 3, 'StartDate is empty'],
      ['legal_functions.csv', 4, 'EndDate "01-01-2015" is before StartDate'],
      ['legal_functions.csv', 5, 'EnterpriseNumber "2.241.097.304": An enterprise number has 10 digits and starts with 0 or 1, for example 0845.059.050.'],
    ]);
    expect(problems).toHaveLength(report.problemCount);
    expect(fileReport(report, 'persons.csv')).toMatchObject({ lines: 9, applied: 2, skipped: 7 });
    expect(await registers.persons.findPerson('04031236489')).toMatchObject({ lastName: 'Wouters' });
    expect(await registers.enterprises.isLegalRepresentative('68042208433', '0723641873')).toBe(true);
  });

  it('is skipped whole when a column is missing', async () => {
    const report = await importRegisters(
      test.db,
      fixture('missing-column', {
        'establishment.csv': ['"EstablishmentNumber","StartDate"', '"2.241.097.403",01-03-2013'],
      }),
      { progress: false },
    );
    expect(report.problems).toEqual([{ file: 'establishment.csv', line: 1, message: 'missing column EnterpriseNumber: file skipped' }]);
    expect(await registers.enterprises.findEstablishment('2241097403')).toBeNull();
  });

  it('reports a line with a stray quote and reads on', async () => {
    const report = await importRegisters(
      test.db,
      fixture('stray-quote', {
        'enterprise.csv': [
          '"EnterpriseNumber","Status","JuridicalSituation","TypeOfEnterprise","JuridicalForm","JuridicalFormCAC","StartDate"',
          '"0468.392.709","AC","000","2","610",,01-04-2012',
        ],
        'denomination.csv': [
          '"EntityNumber","Language","TypeOfDenomination","Denomination"',
          '"0468.392.709","2","001","Hoge Venen "Werkplaatsen"',
          '"0468.392.709","3","001","Hohes Venn Werkstätten"',
        ],
      }),
      { progress: false },
    );
    expect(report.problems).toEqual([{ file: 'denomination.csv', line: 2, message: expect.stringMatching(/^not valid CSV: Invalid Closing Quote/) }]);
    expect(fileReport(report, 'denomination.csv')).toMatchObject({ lines: 2, applied: 1, skipped: 1 });
    expect((await registers.enterprises.findEnterprise('0468392709', { lang: 'nl' }))?.name).toBe('Hohes Venn Werkstätten');
  });

  it('keeps what came before a quote left open and goes on with the next file', async () => {
    const report = await importRegisters(
      test.db,
      fixture('open-quote', {
        'persons.csv': ['"NationalNumber","LastName","FirstNames"', '"83.01.17-208.62","Dewulf","Chloé"', '"70.06.02-077.17","Verstraeten","Bart'],
        'legal_functions.csv': [
          '"EnterpriseNumber","NationalNumber","FunctionCode","StartDate","EndDate"',
          '"0468.392.709","83.01.17-208.62","manager",01-04-2012,',
        ],
      }),
      { progress: false },
    );
    expect(report.problems).toEqual([{ file: 'persons.csv', line: expect.any(Number), message: expect.stringMatching(/^not valid CSV: Quote Not Closed/) }]);
    expect(await registers.persons.findPerson('83011720862')).toMatchObject({ firstNames: 'Chloé', birthDate: '1983-01-17' });
    expect(await registers.persons.findPerson('70060207717')).toBeNull();
    expect(await registers.enterprises.legalFunctions('0468392709')).toHaveLength(1);
  });

  it('is reported when it cannot be read, and the other files are imported', async () => {
    const dir = fixture('unreadable', {
      'persons.csv': ['"NationalNumber","LastName","FirstNames"', '"72.09.30-153.37","Kessler","Jürgen"'],
    });
    mkdirSync(path.join(dir, 'enterprise.csv'));
    const report = await importRegisters(test.db, dir, { progress: false });
    expect(report.problems).toEqual([{ file: 'enterprise.csv', line: 1, message: expect.stringMatching(/^file not read to the end: EISDIR/) }]);
    expect(await registers.persons.findPerson('72093015337')).toMatchObject({ lastName: 'Kessler' });
  });

  it('is refused when the directory does not exist', async () => {
    await expect(importRegisters(test.db, path.join(root, 'nowhere'), { progress: false })).rejects.toThrow(/ENOENT/);
  });
});
