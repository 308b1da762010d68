import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { checkNrn } from '../../registries/identifiers';

/** The demo accounts file: which phone number stands for which demo person (see the README, "Try itsme"). */
export const DEMO_ACCOUNTS_FILE = fileURLToPath(new URL('../../../demo/itsme-accounts.csv', import.meta.url));

/** An account of the demo provider: a phone number, the person behind it, and the level its identification reaches. */
export interface DemoAccount {
  /** E.164, e.g. +32470123401; also the account id. */
  phone: string;
  /** 11 digits, or null for an account without a Belgian national number. */
  nrn: string | null;
  level: 'basic' | 'advanced';
}

/**
 * A mobile number as people type it (`0470 12 34 01`, `+32 470/12.34.01`,
 * `0032470123401`) in E.164, or undefined when it is not one.
 */
export function normalizePhone(input: string): string | undefined {
  let digits = input.trim().replace(/[\s./()-]/g, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  else if (/^0\d/.test(digits)) digits = `+32${digits.slice(1)}`;
  return /^\+[1-9]\d{7,14}$/.test(digits) ? digits : undefined;
}

const row = z.object({
  PhoneNumber: z.string(),
  NationalNumber: z.string(),
  Level: z.enum(['basic', 'advanced']),
});

/** Reads the demo accounts; a malformed line stops the start, naming it. */
export function loadDemoAccounts(file = DEMO_ACCOUNTS_FILE): Map<string, DemoAccount> {
  const records = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as unknown[];
  const accounts = new Map<string, DemoAccount>();
  records.forEach((record, index) => {
    const parsed = row.parse(record);
    const phone = normalizePhone(parsed.PhoneNumber);
    const nrn = parsed.NationalNumber ? checkNrn(parsed.NationalNumber) : null;
    if (!phone || (nrn && !nrn.ok)) throw new Error(`${file}, line ${index + 2}: invalid phone or national number`);
    accounts.set(phone, { phone, nrn: nrn?.ok ? nrn.value.nrn : null, level: parsed.Level });
  });
  return accounts;
}
