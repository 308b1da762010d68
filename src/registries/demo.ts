import { fileURLToPath } from 'node:url';
import type { Executor } from '../platform/db/database';
import { importRegisters, type ImportReport } from './import';
import { countPersons } from './store';

/** The fictitious registers that ship with Sésame (see demo/registers/README.md for who plays which part). */
export const DEMO_REGISTERS_DIR = fileURLToPath(new URL('../../demo/registers/', import.meta.url));

/**
 * The demo people and enterprises by the part they play, so that other
 * modules' demo data (memberships, mandates, roles) and tests name them
 * without copying numbers around.
 */
export const DEMO = {
  persons: {
    /** Hélène Vandenbroucke: director of Ateliers Zéphyr and legal representative of 14 enterprises. */
    legalRepresentative: '68042208433',
    /** Pieter Claes: principal access manager of Ateliers Zéphyr. */
    principalAccessManager: '85021113771',
    /** Chloé Dewulf: co-principal access manager of Ateliers Zéphyr. */
    coPrincipalAccessManager: '83011720862',
    /** Sophie Lambert and Jan Peeters: access managers of Ateliers Zéphyr. */
    accessManagers: ['90090324665', '79123005908'],
    /** Naïma Benali (born 2001), Lucas Maes (born 2002), Lisa Schmitz, Thomas Renard: employees who encode forms. */
    encoders: ['01061517252', '02010921380', '95112731871', '88051929548'],
    /** Marc Dujardin: chair of the CPAS de Val-Fleuri, its entity access responsible. */
    cpasChair: '62030104188',
    /** Isabelle Fontaine: local manager of the CPAS's social-security capacity. */
    localManager: '76080812625',
    /** Ana Ferreira da Silva: BIS number (+40), employee of the CPAS. */
    bisPerson: '83500528212',
    /** Dariusz Nowak: BIS number (+20) with an unknown birth date. */
    bisPersonUnknownBirthDate: '78200041703',
    /** Emma Wouters (born 2004): a citizen with no enterprise. */
    citizen: '04031236489',
    /** Georges Lejeune: his director function in Ateliers Zéphyr ended on 31-12-2023. */
    formerDirector: '50071401186',
    /** Bart Verstraeten: statutory auditor of Ateliers Zéphyr, which does not represent it. */
    auditor: '70060207717',
    /** Jürgen Kessler: manager of Hohes Venn Werkstätten. */
    germanSpeakingManager: '72093015337',
  },
  enterprises: {
    /** Ateliers Zéphyr SRL, with four establishment units. */
    main: '0723641873',
    /** CPAS de Val-Fleuri: the social-security capacity journeys. */
    cpas: '0212685564',
    /** Hohes Venn Werkstätten: named in German only. */
    germanSpeaking: '0468392709',
    /** Brasserie du Vieux Tilleul: Hélène's function there ended in 2020. */
    formerlyRepresented: '0487250695',
  },
  establishments: {
    /** Ateliers Zéphyr's units: Brussels, Namur, Ghent, Eupen. */
    main: ['2241097304', '2241097403', '2241097502', '2241097601'],
    cpas: ['2155830245', '2155830344'],
  },
} as const;

/** Imports the demo directory; the shipped files are expected to be clean, so any problem is an error. */
export async function loadDemoRegisters(db: Executor): Promise<ImportReport> {
  const report = await importRegisters(db, DEMO_REGISTERS_DIR, { progress: false });
  const first = report.problems[0];
  if (first) throw new Error(`The demo registers have ${report.problemCount} problem(s), first ${first.file}:${first.line}: ${first.message}`);
  return report;
}

/**
 * Loads the demo registers on a first start, when the national register is
 * empty; returns whether it did. Two nodes starting together may both load:
 * the import is made of upserts, so the result is the same.
 */
export async function loadDemoRegistersIfEmpty(db: Executor): Promise<boolean> {
  if ((await countPersons(db)) > 0) return false;
  await loadDemoRegisters(db);
  return true;
}
