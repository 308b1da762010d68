import type { Executor } from '../../platform/db/database';
import { LIVE_STATUSES } from '../model';
import type { PersonRight } from '../../organisations/members/rights';

/** The rights of a person in an enterprise, archived ones left out, newest first. */
export async function rightsOfPerson(db: Executor, enterpriseNumber: string, personId: string): Promise<PersonRight[]> {
  const rows = await db
    .selectFrom('role_assignments')
    .select(['id', 'application_id', 'role_code', 'unit_id', 'valid_from', 'valid_until', 'status'])
    .where('enterprise_number', '=', enterpriseNumber)
    .where('person_id', '=', personId)
    .where('status', '<>', 'archived')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ assignmentId: r.id, applicationId: r.application_id, roleCode: r.role_code, unitId: r.unit_id, validFrom: r.valid_from, validUntil: r.valid_until, status: r.status }));
}

/** The persons with a live right of an application in an enterprise. */
export async function personsWithLiveApplication(db: Executor, enterpriseNumber: string, applicationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('role_assignments')
    .select('person_id')
    .distinct()
    .where('enterprise_number', '=', enterpriseNumber)
    .where('application_id', '=', applicationId)
    .where('status', 'in', LIVE_STATUSES)
    .execute();
  return rows.map((r) => r.person_id);
}

/** Which of these persons already hold a live right of this role in this enterprise and unit (one live right per person × enterprise × unit × role). */
export async function holdersOf(db: Executor, r: { enterpriseNumber: string; unitId: string | null; applicationId: string; roleCode: string; personIds: readonly string[] }): Promise<Set<string>> {
  if (r.personIds.length === 0) return new Set();
  let q = db
    .selectFrom('role_assignments')
    .select('person_id')
    .where('enterprise_number', '=', r.enterpriseNumber)
    .where('application_id', '=', r.applicationId)
    .where('role_code', '=', r.roleCode)
    .where('person_id', 'in', [...r.personIds])
    .where('status', 'in', LIVE_STATUSES);
  q = r.unitId === null ? q.where('unit_id', 'is', null) : q.where('unit_id', '=', r.unitId);
  return new Set((await q.execute()).map((row) => row.person_id));
}
