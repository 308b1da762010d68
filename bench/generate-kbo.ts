import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Writes a register of `count` enterprises in the KBO open-data format
 * (enterprise.csv, denomination.csv, address.csv, establishment.csv) into a
 * new temporary directory, line by line: nothing is held in memory, so two
 * million enterprises take no more than two hundred.
 *
 * Every enterprise gets one or two legal names (French, and Dutch for one in
 * three), a registered office, and one establishment unit for one in two.
 * Numbers carry valid check digits and dates are dd-mm-yyyy, as in the
 * real extract. Deterministic: the same count gives the same files.
 *
 * Run alone: `npx tsx bench/generate-kbo.ts [count]` prints the directory.
 */

export interface GeneratedRegister {
  dir: string;
  enterprises: number;
  /** Data lines of all files (headers excluded). */
  rows: number;
}

const check = (eight: number) => 97 - (eight % 97);
/** The n-th enterprise number, 10 digits with check digits; n < 10^8 / 2 keeps the leading 0 or 1. */
export function enterpriseNumber(n: number): string {
  const eight = 2_000_000 + n;
  return `0${String(eight).padStart(7, '0')}${String(check(eight)).padStart(2, '0')}`.slice(-10);
}
function establishmentNumber(n: number): string {
  const eight = 20_000_000 + n;
  return `${eight}${String(check(eight)).padStart(2, '0')}`;
}
const dotted = (d: string) => `${d.slice(0, 4)}.${d.slice(4, 7)}.${d.slice(7)}`;
const unitDotted = (d: string) => `${d[0]}.${d.slice(1, 4)}.${d.slice(4, 7)}.${d.slice(7)}`;

const WORDS = ['Atelier', 'Boulangerie', 'Brasserie', 'Consult', 'Bouw', 'Transport', 'Digital', 'Immo', 'Garage', 'Pharma', 'Logistics', 'Horeca', 'Verzekering', 'Énergie', 'Menuiserie', 'Schrijnwerkerij'];
const FAMILY = ['Dubois', 'Peeters', 'Janssens', 'Lambert', 'Maes', 'Dupont', 'Willems', 'Claes', 'Goossens', 'Mertens', 'Lejeune', 'Wouters', 'Desmet', 'Hermans', 'Renard', 'Lemaire'];
const FORMS = ['SRL', 'SA', 'ASBL', 'SC', 'SNC'];
const TOWNS: Array<[string, string, string]> = [
  ['1000', 'Brussel', 'Bruxelles'], ['2000', 'Antwerpen', 'Anvers'], ['4000', 'Luik', 'Liège'], ['9000', 'Gent', 'Gand'],
  ['5000', 'Namen', 'Namur'], ['3000', 'Leuven', 'Louvain'], ['6000', 'Charleroi', 'Charleroi'], ['8000', 'Brugge', 'Bruges'],
];
const STREETS: Array<[string, string]> = [['Kerkstraat', 'Rue de l’Église'], ['Stationsstraat', 'Rue de la Gare'], ['Dorpsplein', 'Place du Village'], ['Molenweg', 'Chemin du Moulin']];
const JURIDICAL_FORMS = ['014', '610', '124', '017', '011'];

const q = (value: string) => `"${value.replace(/"/g, '""')}"`;
const pick = <T>(list: readonly T[], n: number) => list[n % list.length]!;
function date(n: number): string {
  const day = String((n % 28) + 1).padStart(2, '0');
  const month = String(((n >> 5) % 12) + 1).padStart(2, '0');
  return `${day}-${month}-${1950 + ((n >> 9) % 75)}`;
}
/** A legal name, unique per enterprise (the number's tail keeps two enterprises apart). */
export function legalName(n: number): string {
  return `${pick(WORDS, n)} ${pick(FAMILY, n >> 4)} ${pick(FORMS, n >> 8)} ${n}`;
}

async function write(stream: WriteStream, text: string) {
  if (!stream.write(text)) await once(stream, 'drain');
}

export async function generateKbo(count: number, dir?: string): Promise<GeneratedRegister> {
  const target = dir ?? (await mkdtemp(path.join(tmpdir(), 'sesame-kbo-')));
  const open = (name: string, header: string) => {
    const stream = createWriteStream(path.join(target, name));
    stream.write(`${header}\n`);
    return stream;
  };
  const enterprises = open('enterprise.csv', '"EnterpriseNumber","Status","JuridicalSituation","TypeOfEnterprise","JuridicalForm","JuridicalFormCAC","StartDate"');
  const denominations = open('denomination.csv', '"EntityNumber","Language","TypeOfDenomination","Denomination"');
  const addresses = open(
    'address.csv',
    '"EntityNumber","TypeOfAddress","CountryNL","CountryFR","Zipcode","MunicipalityNL","MunicipalityFR","StreetNL","StreetFR","HouseNumber","Box","ExtraAddressInfo","DateStrikingOff"',
  );
  const establishments = open('establishment.csv', '"EstablishmentNumber","StartDate","EnterpriseNumber"');
  let rows = 0;
  let units = 0;
  // Lines are gathered in chunks of a thousand enterprises: one write call per file per chunk.
  const CHUNK = 1000;
  for (let from = 0; from < count; from += CHUNK) {
    let e = '';
    let d = '';
    let a = '';
    let u = '';
    for (let n = from; n < Math.min(count, from + CHUNK); n++) {
      const number = dotted(enterpriseNumber(n));
      const started = date(n);
      e += `${q(number)},"AC","000","2",${q(pick(JURIDICAL_FORMS, n))},,${started}\n`;
      d += `${q(number)},"1","001",${q(legalName(n))}\n`;
      rows += 2;
      if (n % 3 === 0) {
        d += `${q(number)},"2","001",${q(`${legalName(n)} NV`)}\n`;
        rows++;
      }
      const [zip, townNl, townFr] = pick(TOWNS, n >> 3);
      const [streetNl, streetFr] = pick(STREETS, n >> 2);
      a += `${q(number)},"REGO",,,${q(zip)},${q(townNl)},${q(townFr)},${q(streetNl)},${q(streetFr)},${q(String((n % 240) + 1))},,,\n`;
      rows++;
      if (n % 2 === 0) {
        const unit = unitDotted(establishmentNumber(units++));
        u += `${q(unit)},${started},${q(number)}\n`;
        a += `${q(unit)},"BAET",,,${q(zip)},${q(townNl)},${q(townFr)},${q(streetNl)},${q(streetFr)},${q(String((n % 99) + 1))},,,\n`;
        rows += 2;
      }
    }
    await Promise.all([write(enterprises, e), write(denominations, d), write(addresses, a), write(establishments, u)]);
  }
  await Promise.all([enterprises, denominations, addresses, establishments].map((s) => new Promise((resolve) => s.end(resolve))));
  return { dir: target, enterprises: count, rows };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? process.env.BENCH_ENTERPRISES ?? 2_000_000);
  const generated = await generateKbo(count);
  console.log(`${generated.dir}: ${generated.enterprises} enterprises, ${generated.rows} rows`);
}
