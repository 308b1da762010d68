import type { Executor } from '../../platform/db/database';
import type { AssignmentStatus } from '../model';

/** One of the person's own assignments as "Mes attributions de rôles" lists it. */
export interface MyAssignmentRow {
  id: string;
  enterpriseNumber: string;
  unitId: string | null;
  unitName: string | null;
  applicationId: string;
  roleCode: string;
  status: AssignmentStatus;
  validFrom: string;
  validUntil: string | null;
  createdAt: Date;
}

function mine(db: Executor, personId: string, statuses: readonly AssignmentStatus[] | null) {
  return db
    .selectFrom('role_assignments as a')
    .where('a.person_id', '=', personId)
    .$if(statuses !== null, (q) => q.where('a.status', 'in', statuses!));
}

/** How many assignments the person has in these states (null: any). */
export async function countMine(db: Executor, personId: string, statuses: readonly AssignmentStatus[] | null): Promise<number> {
  const row = await mine(db, personId, statuses).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One page of the person's assignments, newest first (role_assignments_by_person). */
export async function minePage(db: Executor, personId: string, statuses: readonly AssignmentStatus[] | null, offset: number, limit: number): Promise<MyAssignmentRow[]> {
  return mine(db, personId, statuses)
    .leftJoin('units as u', 'u.id', 'a.unit_id')
    .select([
      'a.id',
      'a.enterprise_number as enterpriseNumber',
      'a.unit_id as unitId',
      'u.name as unitName',
      'a.application_id as applicationId',
      'a.role_code as roleCode',
      'a.status',
      'a.valid_from as validFrom',
      'a.valid_until as validUntil',
      'a.created_at as createdAt',
    ])
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id')
    .offset(offset)
    .limit(limit)
    .execute();
}

/**
 * The registered enterprises where the person has an open membership, for
 * the self-request's first step. It reads the organisations module's
 * memberships and enterprises tables in one small statement: the members
 * service only answers per enterprise, and this list is per person.
 */
export async function openMembershipEnterprises(db: Executor, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('enterprises as e', 'e.number', 'm.enterprise_number')
    .select('m.enterprise_number')
    .distinct()
    .where('m.person_id', '=', personId)
    .where('m.ended_at', 'is', null)
    .orderBy('m.enterprise_number')
    .execute();
  return rows.map((r) => r.enterprise_number);
}
