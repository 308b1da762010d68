import { systemClock, type Clock } from '../platform/clock';
import type { Executor } from '../platform/db/database';
import type { Lang } from '../platform/i18n/languages';
import { translator } from '../platform/i18n/translate';
import { searchable } from '../platform/views/pagination';
import { checkEnterpriseNumber, checkEstablishmentNumber, checkNrn } from './identifiers';
import { LEGAL_FUNCTIONS, REPRESENTATIVE_FUNCTIONS, isLegalFunctionCode, legalFunctionLabelKey } from './legal-functions';
import { ACTIVE_STATUS, ADDRESS_TYPE, DENOMINATION_TYPE, dayOf, enterpriseType, languageOrder, pickAddress, pickDenomination, pickLabel } from './model';
import type {
  AtOptions,
  Enterprise,
  EnterpriseRegister,
  Establishment,
  LegalFunction,
  NationalRegister,
  RegisterPerson,
  Registers,
} from './ports';
import * as store from './store';
import type { RegisterEstablishmentsTable, RegisterLegalFunctionsTable, RegisterPersonsTable } from './tables';

const DEFAULT_LANG: Lang = 'fr';

/**
 * The default adapters: both registers read from the tables that
 * `sesame import-registers` (or the demo set) filled.
 */
export function createRegisters(db: Executor, clock: Clock = systemClock): Registers {
  return { persons: databaseNationalRegister(db), enterprises: databaseEnterpriseRegister(db, clock) };
}

function toPerson(row: Omit<RegisterPersonsTable, 'updated_at'>): RegisterPerson {
  return {
    nrn: row.nrn,
    lastName: row.last_name,
    firstNames: row.first_names,
    birthDate: row.birth_date,
    gender: row.gender,
    language: row.language,
    deathDate: row.death_date,
  };
}

export function databaseNationalRegister(db: Executor): NationalRegister {
  return {
    async findPerson(nrn) {
      const checked = checkNrn(nrn);
      if (!checked.ok) return null;
      const row = await store.findPersonRow(db, checked.value.nrn);
      return row ? toPerson(row) : null;
    },
    async searchByName({ lastName, firstName, limit = 20 }) {
      if (!lastName.trim()) return [];
      const rows = await store.searchPersonRows(db, lastName.trim(), firstName?.trim() || undefined, Math.max(1, Math.min(limit, 200)));
      return rows.map(toPerson);
    },
  };
}

export function databaseEnterpriseRegister(db: Executor, clock: Clock = systemClock): EnterpriseRegister {
  /** Legal names of several enterprises at once, for lists. */
  async function namesOf(numbers: string[], lang: Lang): Promise<Map<string, string | null>> {
    const rows = await store.denominationRows(db, [...new Set(numbers)]);
    return new Map(numbers.map((n) => [n, pickDenomination(rows.filter((r) => r.entity_number === n), DENOMINATION_TYPE.legalName, lang)]));
  }

  async function toEstablishments(rows: RegisterEstablishmentsTable[], lang: Lang): Promise<Establishment[]> {
    const numbers = rows.map((row) => row.number);
    const [names, addresses] = await Promise.all([store.denominationRows(db, numbers), store.addressRows(db, numbers)]);
    return rows.map((row) => {
      const own = names.filter((n) => n.entity_number === row.number);
      return {
        number: row.number,
        enterpriseNumber: row.enterprise_number,
        name: pickDenomination(own, DENOMINATION_TYPE.commercialName, lang) ?? pickDenomination(own, DENOMINATION_TYPE.legalName, lang),
        address: pickAddress(addresses.filter((a) => a.entity_number === row.number), [ADDRESS_TYPE.establishment], lang),
        startDate: row.start_date,
      };
    });
  }

  async function toFunctions(rows: RegisterLegalFunctionsTable[], lang: Lang): Promise<LegalFunction[]> {
    // The import refuses unknown codes; one written into the table by hand is skipped rather than guessed at.
    const known = rows.flatMap((row) => (isLegalFunctionCode(row.function_code) ? [{ row, code: row.function_code }] : []));
    const names = await namesOf(known.map(({ row }) => row.enterprise_number), lang);
    const t = translator(lang);
    return known.map(({ row, code }) => ({
      enterpriseNumber: row.enterprise_number,
      enterpriseName: names.get(row.enterprise_number) ?? null,
      nrn: row.nrn,
      code,
      label: t(legalFunctionLabelKey(code)),
      represents: LEGAL_FUNCTIONS[code].represents,
      startDate: row.start_date,
      endDate: row.end_date,
    }));
  }

  const today = (options?: AtOptions) => dayOf(options?.at ?? clock.now());

  return {
    async findEnterprise(number, options) {
      const checked = checkEnterpriseNumber(number);
      if (!checked.ok) return null;
      const row = await store.findEnterpriseRow(db, checked.value);
      if (!row) return null;
      const lang = options?.lang ?? DEFAULT_LANG;
      const codes = (category: string, code: string | null) => (code ? store.codeRows(db, category, [code]) : Promise.resolve([]));
      const [names, addresses, forms, situations] = await Promise.all([
        store.denominationRows(db, [row.number]),
        store.addressRows(db, [row.number]),
        codes('JuridicalForm', row.juridical_form),
        codes('JuridicalSituation', row.juridical_situation),
      ]);
      const enterprise: Enterprise = {
        number: row.number,
        status: row.status,
        active: row.status === ACTIVE_STATUS,
        name: pickDenomination(names, DENOMINATION_TYPE.legalName, lang),
        abbreviation: pickDenomination(names, DENOMINATION_TYPE.abbreviation, lang),
        type: enterpriseType(row.type_of_enterprise),
        juridicalForm: pickLabel(forms, row.juridical_form, lang),
        juridicalSituation: pickLabel(situations, row.juridical_situation, lang),
        // A registered office first; an enterprise of a natural person may only have its units' addresses.
        address: pickAddress(addresses, [ADDRESS_TYPE.registeredOffice, ...new Set(addresses.map((a) => a.type_of_address))], lang),
        startDate: row.start_date,
      };
      return enterprise;
    },

    async establishments(enterpriseNumber, options) {
      const checked = checkEnterpriseNumber(enterpriseNumber);
      if (!checked.ok) return [];
      return toEstablishments(await store.establishmentRowsOf(db, checked.value), options?.lang ?? DEFAULT_LANG);
    },

    async findEstablishment(number, options) {
      const checked = checkEstablishmentNumber(number);
      if (!checked.ok) return null;
      const row = await store.findEstablishmentRow(db, checked.value);
      return row ? ((await toEstablishments([row], options?.lang ?? DEFAULT_LANG))[0] ?? null) : null;
    },

    async legalFunctions(enterpriseNumber, options) {
      const checked = checkEnterpriseNumber(enterpriseNumber);
      if (!checked.ok) return [];
      const rows = await store.legalFunctionRows(db, { enterpriseNumber: checked.value }, today(options));
      return toFunctions(rows, options?.lang ?? DEFAULT_LANG);
    },

    async legalFunctionsOf(nrn, options) {
      const checked = checkNrn(nrn);
      if (!checked.ok) return [];
      const rows = await store.legalFunctionRows(db, { nrn: checked.value.nrn }, today(options));
      const lang = options?.lang ?? DEFAULT_LANG;
      const functions = await toFunctions(rows, lang);
      return functions.sort(
        (a, b) => (a.enterpriseName ?? '').localeCompare(b.enterpriseName ?? '', lang) || a.enterpriseNumber.localeCompare(b.enterpriseNumber),
      );
    },

    async managedEnterprises(request) {
      const checked = checkNrn(request.nrn);
      if (!checked.ok) return { total: 0, rows: [] };
      const digits = request.q.replace(/[\s.]/g, '');
      const rows = await store.managedEnterpriseRows(db, {
        nrn: checked.value.nrn,
        day: today(request),
        representing: request.representatives === false ? [] : REPRESENTATIVE_FUNCTIONS,
        also: request.also,
        languages: languageOrder(request.lang ?? DEFAULT_LANG),
        needle: searchable(request.q.trim()),
        digits: /^\d+$/.test(digits) ? digits : '',
        offset: request.offset,
        limit: request.limit,
      });
      return { total: rows[0]?.total ?? 0, rows: rows.map(({ number, name, capacities }) => ({ number, name, capacities })) };
    },

    async isLegalRepresentative(nrn, enterpriseNumber, at) {
      const person = checkNrn(nrn);
      const enterprise = checkEnterpriseNumber(enterpriseNumber);
      if (!person.ok || !enterprise.ok) return false;
      return store.holdsFunction(db, person.value.nrn, enterprise.value, dayOf(at ?? clock.now()), REPRESENTATIVE_FUNCTIONS);
    },
  };
}
