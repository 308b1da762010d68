import type { Migration } from 'kysely';
import * as foundation from './2026-11-24T1200-foundation';
import * as identification from './2026-11-24T1300-identification';
import * as eid from './2026-11-24T1320-eid';
import * as codes from './2026-11-24T1340-codes';
import * as selfService from './2026-11-24T1350-self-service';
import * as organisations from './2026-11-24T1400-organisations';
import * as memberships from './2026-11-24T1410-memberships';

/** Every migration, in order. Names sort by time; a landed migration is never edited. */
export const migrations: Record<string, Migration> = {
  '2026-11-24T1200-foundation': foundation,
  '2026-11-24T1300-identification': identification,
  '2026-11-24T1320-eid': eid,
  '2026-11-24T1340-codes': codes,
  '2026-11-24T1350-self-service': selfService,
  '2026-11-24T1400-organisations': organisations,
  '2026-11-24T1410-memberships': memberships,
};
