import type { Migration } from 'kysely';
import * as foundation from './2026-11-24T1200-foundation';
import * as identification from './2026-11-24T1300-identification';

/** Every migration, in order. Names sort by time; a landed migration is never edited. */
export const migrations: Record<string, Migration> = {
  '2026-11-24T1200-foundation': foundation,
  '2026-11-24T1300-identification': identification,
};
