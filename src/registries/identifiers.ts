import { z } from 'zod';
import { InputError } from '../platform/errors';

/**
 * Belgian identifiers: national register numbers (and BIS numbers),
 * enterprise numbers and establishment unit numbers. Pure functions: they
 * read what people type (dots, dashes, spaces, a BE prefix), keep digits
 * only, and check the modulo-97 check digits.
 */

/** A check either gives the normalised value or the message key that explains the problem. */
export type Checked<T, E extends string> = { ok: true; value: T } | { ok: false; error: E };

export type NrnError = 'errors.nrn.format' | 'errors.nrn.checksum' | 'errors.nrn.date';
export type EnterpriseNumberError = 'errors.enterprise.format' | 'errors.enterprise.checksum';
export type EstablishmentNumberError = 'errors.establishment.format' | 'errors.establishment.checksum';

/** What a valid national register number tells by itself. */
export interface NrnFacts {
  /** 11 digits, no separators. */
  nrn: string;
  /** `bis`: a number of the Crossroads Bank for Social Security, for people not in the national register. */
  kind: 'national' | 'bis';
  /** The century comes from the check digits (a '2' is prefixed for births from 2000). */
  birthYear: number;
  /** `YYYY-MM-DD`, or null when the number says the month or the day is unknown (00). */
  birthDate: string | null;
  /** Odd sequence numbers are men, even ones women; a BIS number with +20 leaves the gender unknown. */
  gender: 'M' | 'F' | null;
}

// What people put between digits: spaces (including non-breaking), dots, dashes, slashes.
const SEPARATORS = /[\s.\-/]/g;

function mod97Check(digits: string): number {
  return 97 - Number(BigInt(digits) % 97n);
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Checks a national register or BIS number written in any common way (85.07.31-001.30, 85073100130, 850731 001 30). */
export function checkNrn(input: string): Checked<NrnFacts, NrnError> {
  const nrn = input.replace(SEPARATORS, '');
  if (!/^\d{11}$/.test(nrn)) return { ok: false, error: 'errors.nrn.format' };
  const body = nrn.slice(0, 9);
  const check = Number(nrn.slice(9));
  let century: number;
  if (mod97Check(body) === check) century = 1900;
  else if (mod97Check(`2${body}`) === check) century = 2000;
  else return { ok: false, error: 'errors.nrn.checksum' };

  const yy = Number(nrn.slice(0, 2));
  const rawMonth = Number(nrn.slice(2, 4));
  const day = Number(nrn.slice(4, 6));
  const sequence = Number(nrn.slice(6, 9));
  // BIS numbers add 20 (gender unknown when allocated) or 40 (gender known) to the month.
  const offset = rawMonth >= 40 ? 40 : rawMonth >= 20 ? 20 : 0;
  const month = rawMonth - offset;
  if (month > 12 || day > 31) return { ok: false, error: 'errors.nrn.date' };
  const birthYear = century + yy;
  // 00 stands for an unknown month or day (old numbers, BIS numbers): valid, but no birth date.
  const known = month !== 0 && day !== 0;
  if (known && !isCalendarDate(birthYear, month, day)) return { ok: false, error: 'errors.nrn.date' };
  return {
    ok: true,
    value: {
      nrn,
      kind: offset === 0 ? 'national' : 'bis',
      birthYear,
      birthDate: known ? `${birthYear}-${pad(month)}-${pad(day)}` : null,
      gender: offset === 20 ? null : sequence % 2 === 1 ? 'M' : 'F',
    },
  };
}

/** The 11 digits of a valid national register number, or an InputError on `field`. */
export function parseNrn(input: string, field = 'nrn'): string {
  const result = checkNrn(input);
  if (!result.ok) throw new InputError(field, result.error);
  return result.value.nrn;
}

export function isValidNrn(input: string): boolean {
  return checkNrn(input).ok;
}

/** `YY.MM.DD-SSS.CC`, the way the eID card prints it; anything that is not 11 digits is returned as given. */
export function formatNrn(nrn: string): string {
  const d = nrn.replace(SEPARATORS, '');
  if (!/^\d{11}$/.test(d)) return nrn;
  return `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}-${d.slice(6, 9)}.${d.slice(9)}`;
}

/** The birth date (`YYYY-MM-DD`) a valid number carries, or null when unknown or invalid. */
export function nrnBirthDate(nrn: string): string | null {
  const result = checkNrn(nrn);
  return result.ok ? result.value.birthDate : null;
}

// Enterprise and establishment numbers share the rule: 10 digits, the last two = 97 − (first eight mod 97).
function kboDigits(input: string): string {
  return input.trim().replace(/^BE/i, '').replace(SEPARATORS, '');
}

function kboChecksumOk(digits: string): boolean {
  return mod97Check(digits.slice(0, 8)) === Number(digits.slice(8));
}

/** Checks an enterprise number (0845.059.050, 0845059050, BE0845059050, or the old 9-digit 845.059.050); gives 10 digits. */
export function checkEnterpriseNumber(input: string): Checked<string, EnterpriseNumberError> {
  let digits = kboDigits(input);
  // Before 2005 enterprise numbers had 9 digits: the 10-digit form prefixes a 0.
  if (/^\d{9}$/.test(digits)) digits = `0${digits}`;
  if (!/^[01]\d{9}$/.test(digits)) return { ok: false, error: 'errors.enterprise.format' };
  if (!kboChecksumOk(digits)) return { ok: false, error: 'errors.enterprise.checksum' };
  return { ok: true, value: digits };
}

export function parseEnterpriseNumber(input: string, field = 'enterpriseNumber'): string {
  const result = checkEnterpriseNumber(input);
  if (!result.ok) throw new InputError(field, result.error);
  return result.value;
}

export function isValidEnterpriseNumber(input: string): boolean {
  return checkEnterpriseNumber(input).ok;
}

/** `0845.059.050`. */
export function formatEnterpriseNumber(number: string): string {
  const d = kboDigits(number);
  if (!/^\d{10}$/.test(d)) return number;
  return `${d.slice(0, 4)}.${d.slice(4, 7)}.${d.slice(7)}`;
}

/** Checks an establishment unit number (2.123.456.789 or 2123456789); gives 10 digits. */
export function checkEstablishmentNumber(input: string): Checked<string, EstablishmentNumberError> {
  const digits = kboDigits(input);
  if (!/^[2-8]\d{9}$/.test(digits)) return { ok: false, error: 'errors.establishment.format' };
  if (!kboChecksumOk(digits)) return { ok: false, error: 'errors.establishment.checksum' };
  return { ok: true, value: digits };
}

export function parseEstablishmentNumber(input: string, field = 'establishmentNumber'): string {
  const result = checkEstablishmentNumber(input);
  if (!result.ok) throw new InputError(field, result.error);
  return result.value;
}

export function isValidEstablishmentNumber(input: string): boolean {
  return checkEstablishmentNumber(input).ok;
}

/** `2.123.456.789`, the way the KBO/BCE writes establishment numbers. */
export function formatEstablishmentNumber(number: string): string {
  const d = kboDigits(number);
  if (!/^\d{10}$/.test(d)) return number;
  return `${d[0]}.${d.slice(1, 4)}.${d.slice(4, 7)}.${d.slice(7)}`;
}

/** The KBO calls either kind an entity: its files mix both in one column (denominations, addresses). */
export type EntityNumber = { kind: 'enterprise' | 'establishment'; number: string };

export function checkEntityNumber(input: string): Checked<EntityNumber, EnterpriseNumberError | EstablishmentNumberError> {
  const digits = kboDigits(input);
  if (/^[2-8]\d{9}$/.test(digits)) {
    const result = checkEstablishmentNumber(digits);
    return result.ok ? { ok: true, value: { kind: 'establishment', number: result.value } } : result;
  }
  const result = checkEnterpriseNumber(input);
  return result.ok ? { ok: true, value: { kind: 'enterprise', number: result.value } } : result;
}

/** The formatted form of either kind of KBO number. */
export function formatEntityNumber(number: string): string {
  return /^[2-8]/.test(kboDigits(number)) ? formatEstablishmentNumber(number) : formatEnterpriseNumber(number);
}

// Form schemas: the issue message is the message key, which the form layer translates.
function schemaOf<T, E extends string>(check: (input: string) => Checked<T, E>) {
  return z.string().transform((input, ctx) => {
    const result = check(input);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.error, input });
    return z.NEVER;
  });
}

/** A national register number as typed into a form; parses to its 11 digits. */
export const nrnSchema = schemaOf(checkNrn).transform((facts) => facts.nrn);
/** An enterprise number as typed into a form; parses to its 10 digits. */
export const enterpriseNumberSchema = schemaOf(checkEnterpriseNumber);
/** An establishment unit number as typed into a form; parses to its 10 digits. */
export const establishmentNumberSchema = schemaOf(checkEstablishmentNumber);
