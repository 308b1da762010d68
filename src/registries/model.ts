import type { Lang } from '../platform/i18n/languages';
import type { CodeLabel, RegisterAddress } from './ports';
import type { RegisterAddressesTable } from './tables';

/** Pure rules for reading KBO rows in a person's language. */

/** denomination.csv Language: 0 unknown, 1 fr, 2 nl, 3 de, 4 en. */
const DENOMINATION_LANGUAGE: Record<Lang, string> = { fr: '1', nl: '2', de: '3', en: '4' };

/** denomination.csv TypeOfDenomination. */
export const DENOMINATION_TYPE = { legalName: '001', abbreviation: '002', commercialName: '003' } as const;

/** address.csv TypeOfAddress: registered office, establishment unit. */
export const ADDRESS_TYPE = { registeredOffice: 'REGO', establishment: 'BAET' } as const;

/** enterprise.csv TypeOfEnterprise. */
export function enterpriseType(code: string | null): 'legal_person' | 'natural_person' | 'unknown' {
  return code === '2' ? 'legal_person' : code === '1' ? 'natural_person' : 'unknown';
}

/** enterprise.csv Status: the open data only speaks of `AC`. */
export const ACTIVE_STATUS = 'AC';

// After the requested language: a name of unknown language (often a brand that needs no
// translation), then the country's languages, French first as in the KBO's own pages.
export function languageOrder(lang: Lang): string[] {
  return [...new Set([DENOMINATION_LANGUAGE[lang], '0', '1', '2', '3', '4'])];
}

interface DenominationLike {
  language: string;
  type: string;
  denomination: string;
}

/** The name of a type in the requested language, else the next best; null when there is none. */
export function pickDenomination(rows: readonly DenominationLike[], type: string, lang: Lang): string | null {
  const ofType = rows.filter((row) => row.type === type).sort((a, b) => a.denomination.localeCompare(b.denomination));
  for (const language of languageOrder(lang)) {
    const row = ofType.find((candidate) => candidate.language === language);
    if (row) return row.denomination;
  }
  return ofType[0]?.denomination ?? null;
}

interface CodeLike {
  code: string;
  language: string;
  description: string;
}

/** A code with its label (code.csv) in the requested language, else French, Dutch, German, English, else the code itself. */
export function pickLabel(rows: readonly CodeLike[], code: string | null, lang: Lang): CodeLabel | null {
  if (code === null || code === '') return null;
  const ofCode = rows.filter((row) => row.code === code);
  for (const language of [lang, 'fr', 'nl', 'de', 'en']) {
    const row = ofCode.find((candidate) => candidate.language === language);
    if (row) return { code, label: row.description };
  }
  return { code, label: code };
}

type AddressLike = Omit<RegisterAddressesTable, 'entity_number' | 'date_striking_off'>;

/** The first address of the preferred types, with Dutch names for `nl` and French ones otherwise (the KBO has only these two). */
export function pickAddress(rows: readonly AddressLike[], types: readonly string[], lang: Lang): RegisterAddress | null {
  const row = types.map((type) => rows.find((candidate) => candidate.type_of_address === type)).find((found) => found !== undefined);
  if (!row) return null;
  const either = (nl: string | null, fr: string | null) => (lang === 'nl' ? nl || fr : fr || nl) || null;
  return {
    street: either(row.street_nl, row.street_fr),
    houseNumber: row.house_number || null,
    box: row.box || null,
    zipcode: row.zipcode || null,
    municipality: either(row.municipality_nl, row.municipality_fr),
    country: either(row.country_nl, row.country_fr),
    extra: row.extra_address_info || null,
  };
}

const belgianDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The day (`YYYY-MM-DD`) a moment falls on in Belgium: a function ending on the 31st still holds at 23:30 that evening. */
export function dayOf(at: Date | string): string {
  if (typeof at === 'string') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(at)) throw new TypeError(`Expected a YYYY-MM-DD day, got ${JSON.stringify(at)}`);
    return at;
  }
  return belgianDay.format(at);
}
