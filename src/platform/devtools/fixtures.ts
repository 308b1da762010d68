import { searchable } from '../views/pagination';
import type { TwoListOption } from '../views/two-list-state';

/** Fictitious data for the component gallery: nobody here exists. */

export interface Employee {
  lastName: string;
  firstName: string;
  email: string;
  role: string;
  /** ISO date. */
  start: string;
}

/** Application names are the same in every language, so the gallery needs no translation for them. */
export const APPLICATIONS: TwoListOption[] = [
  'Biztax', 'Dimona', 'DmfA', 'eBox Enterprise', 'EMCS', 'Espace Personnel', 'FATCA', 'Finprof',
  'Intervat', 'Mandats', 'Plasma', 'Tax-on-web', 'Élections sociales',
].map((label) => ({ value: searchable(label).replace(/[^a-z0-9]+/g, '-'), label }));

const LAST_NAMES = [
  'Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet',
  'Dubois', 'Lambert', 'Dupont', 'Martin', 'Leclercq', 'Lejeune', 'Renard', 'Dumont', 'Lemaire', 'Hermans',
  'Schmitz', 'Müller', 'Lenaerts', 'Michiels', 'Aerts', 'Desmet', 'Leroy', 'Simon', 'François', 'Vandevelde',
  'Ducoeur', 'Mremi', 'Verhaegen', 'Collard', 'Thiry',
];
const FIRST_NAMES = [
  'Anna', 'Arthur', 'Louise', 'Noah', 'Emma', 'Lucas', 'Olivia', 'Liam', 'Elise', 'Victor',
  'Chloé', 'Hugo', 'Léa', 'Jules', 'Marie', 'Louis', 'Camille', 'Adam', 'Zoé', 'Gabriel',
  'Lena', 'Felix', 'Nora', 'Mathis', 'Julie', 'Thomas', 'Inès', 'Simon', 'Clara', 'Frank',
  'Naïma', 'Youssef', 'Sofie', 'Pieter', 'Hélène',
];

/** 35 employees: enough for four pages of ten. */
export const EMPLOYEES: Employee[] = LAST_NAMES.map((lastName, i) => {
  const firstName = FIRST_NAMES[i]!;
  const start = new Date(Date.UTC(2016 + (i % 9), (i * 5) % 12, 1 + ((i * 7) % 28)));
  return {
    lastName,
    firstName,
    email: `${searchable(firstName)}.${searchable(lastName).replace(/[^a-z]/g, '')}@example.be`,
    role: APPLICATIONS[i % APPLICATIONS.length]!.label,
    start: start.toISOString().slice(0, 10),
  };
});

export const EMPLOYEE_SORT_KEYS = ['lastName', 'firstName', 'role', 'start'] as const;
export type EmployeeSortKey = (typeof EMPLOYEE_SORT_KEYS)[number];

/** The employees matching a search, sorted: what a store would do in SQL. */
export function findEmployees(q: string, sort: EmployeeSortKey | undefined, dir: 'asc' | 'desc'): Employee[] {
  const needle = searchable(q);
  const found = EMPLOYEES.filter((e) => searchable(`${e.lastName} ${e.firstName} ${e.email} ${e.role}`).includes(needle));
  if (!sort) return found;
  const sign = dir === 'asc' ? 1 : -1;
  return found.sort((a, b) => sign * a[sort].localeCompare(b[sort], 'fr') || a.lastName.localeCompare(b.lastName, 'fr'));
}
