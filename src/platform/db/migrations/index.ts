import type { Migration } from 'kysely';
import * as foundation from './2026-11-24T1200-foundation';
import * as identification from './2026-11-24T1300-identification';
import * as eid from './2026-11-24T1320-eid';
import * as codes from './2026-11-24T1340-codes';
import * as selfService from './2026-11-24T1350-self-service';
import * as organisations from './2026-11-24T1400-organisations';
import * as memberships from './2026-11-24T1410-memberships';
import * as eidOcsp from './2026-11-24T1620-eid-ocsp';
import * as access from './2026-11-24T1500-access';
import * as saml from './2026-11-24T1520-saml';
import * as portalEbox from './2026-11-24T1560-portal-ebox';
import * as assignmentOverview from './2026-11-24T1540-assignment-overview';
import * as identificationSpeed from './2026-11-24T1610-identification-speed';
import * as assignmentCounts from './2026-11-24T1720-assignment-counts';
import * as personSearch from './2026-11-24T2330-person-search';

/** Every migration, in order. Names sort by time; a landed migration is never edited. */
export const migrations: Record<string, Migration> = {
  '2026-11-24T1200-foundation': foundation,
  '2026-11-24T1300-identification': identification,
  '2026-11-24T1320-eid': eid,
  '2026-11-24T1340-codes': codes,
  '2026-11-24T1350-self-service': selfService,
  '2026-11-24T1400-organisations': organisations,
  '2026-11-24T1410-memberships': memberships,
  '2026-11-24T1500-access': access,
  '2026-11-24T1520-saml': saml,
  '2026-11-24T1540-assignment-overview': assignmentOverview,
  '2026-11-24T1560-portal-ebox': portalEbox,
  '2026-11-24T1610-identification-speed': identificationSpeed,
  '2026-11-24T1620-eid-ocsp': eidOcsp,
  '2026-11-24T1720-assignment-counts': assignmentCounts,
  '2026-11-24T2330-person-search': personSearch,
};
