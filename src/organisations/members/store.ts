import type { Selectable } from 'kysely';
import type { Executor, Trx } from '../../platform/db/database';
import type { Unit } from '../store';
import type { MembershipCategory } from './model';
import type { MembershipsTable } from './tables';

export interface Membership {
  id: string;
  enterpriseNumber: string;
  personId: string;
  unitId: string | null;
  category: MembershipCategory;
  workEmail: string;
  workPhone: string | null;
  startDate: string;
  endDate: string | null;
  reason: string;
  createdAt: Date;
  createdBy: string;
  endedAt: Date | null;
  endedBy: string | null;
  endReason: string | null;
}

/** The names the persons list shows beside a person id. */
export interface PersonName {
  id: string;
  nrn: string;
  givenName: string;
  familyName: string;
  email: string | null;
  language: 'nl' | 'fr' | 'de' | 'en' | null;
}

function toMembership(row: Selectable<MembershipsTable>): Membership {
  return {
    id: row.id,
    enterpriseNumber: row.enterprise_number,
    personId: row.person_id,
    unitId: row.unit_id,
    category: row.category,
    workEmail: row.work_email,
    workPhone: row.work_phone,
    startDate: row.start_date,
    endDate: row.end_date,
    reason: row.reason,
    createdAt: row.created_at,
    createdBy: row.created_by,
    endedAt: row.ended_at,
    endedBy: row.ended_by,
    endReason: row.end_reason,
  };
}

export type NewMembership = Omit<Membership, 'id' | 'endedAt' | 'endedBy' | 'endReason'>;

export async function insertMembership(trx: Trx, m: NewMembership): Promise<Membership> {
  const row = await trx
    .insertInto('memberships')
    .values({
      enterprise_number: m.enterpriseNumber,
      person_id: m.personId,
      unit_id: m.unitId,
      category: m.category,
      work_email: m.workEmail,
      work_phone: m.workPhone,
      start_date: m.startDate,
      end_date: m.endDate,
      reason: m.reason,
      created_at: m.createdAt,
      created_by: m.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toMembership(row);
}

export async function findMembership(db: Executor, id: string): Promise<Membership | undefined> {
  const row = await db.selectFrom('memberships').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toMembership(row);
}

/** The open membership of a person in an enterprise × unit (null = the enterprise as a whole), if any. */
export async function findOpenMembership(db: Executor, enterpriseNumber: string, personId: string, unitId: string | null): Promise<Membership | undefined> {
  let query = db.selectFrom('memberships').selectAll().where('enterprise_number', '=', enterpriseNumber).where('person_id', '=', personId).where('ended_at', 'is', null);
  query = unitId === null ? query.where('unit_id', 'is', null) : query.where('unit_id', '=', unitId);
  const row = await query.executeTakeFirst();
  return row && toMembership(row);
}

/** Every membership of an enterprise, ended ones included, newest first. */
export async function listMembershipsOfEnterprise(db: Executor, enterpriseNumber: string): Promise<Membership[]> {
  const rows = await db.selectFrom('memberships').selectAll().where('enterprise_number', '=', enterpriseNumber).orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(toMembership);
}

/** The units of the open memberships of a person in an enterprise (null = the enterprise as a whole). */
export async function openMembershipUnits(db: Executor, enterpriseNumber: string, personId: string): Promise<(string | null)[]> {
  const rows = await db.selectFrom('memberships').select('unit_id').where('enterprise_number', '=', enterpriseNumber).where('person_id', '=', personId).where('ended_at', 'is', null).execute();
  return rows.map((r) => r.unit_id);
}

/** Ends a membership that is still open; undefined when it already ended: of two concurrent ends, exactly one wins. */
export async function endMembershipRow(trx: Trx, id: string, at: Date, by: string | null, reason: string): Promise<Membership | undefined> {
  const row = await trx
    .updateTable('memberships')
    .set({ ended_at: at, ended_by: by, end_reason: reason })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row && toMembership(row);
}

/** Open memberships whose last day is before `today`, oldest first. */
export async function listExpiredMemberships(db: Executor, today: string, limit: number): Promise<Membership[]> {
  const rows = await db.selectFrom('memberships').selectAll().where('ended_at', 'is', null).where('end_date', '<', today).orderBy('end_date').orderBy('id').limit(limit).execute();
  return rows.map(toMembership);
}

/**
 * The names of persons by id. Reads the identity module's table for one
 * query per list instead of one per row (see the report on this choice).
 */
export async function namesOf(db: Executor, ids: readonly string[]): Promise<Map<string, PersonName>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('persons').select(['id', 'nrn', 'given_name', 'family_name', 'email', 'language']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, nrn: r.nrn, givenName: r.given_name, familyName: r.family_name, email: r.email, language: r.language }]));
}

// ——— units ———

function toUnit(row: { id: string; enterprise_number: string; kind: Unit['kind']; number: string | null; name: string }): Unit {
  return { id: row.id, enterpriseNumber: row.enterprise_number, kind: row.kind, number: row.number, name: row.name };
}

export async function listUnits(db: Executor, enterpriseNumber: string): Promise<Unit[]> {
  const rows = await db.selectFrom('units').selectAll().where('enterprise_number', '=', enterpriseNumber).orderBy('kind').orderBy('name').orderBy('id').execute();
  return rows.map(toUnit);
}

/** Adds establishment units the platform does not know yet; returns how many were added. Safe to run twice at once. */
export async function insertEstablishments(db: Executor, enterpriseNumber: string, establishments: readonly { number: string; name: string }[]): Promise<number> {
  if (establishments.length === 0) return 0;
  const rows = await db
    .insertInto('units')
    .values(establishments.map((e) => ({ enterprise_number: enterpriseNumber, kind: 'establishment' as const, number: e.number, name: e.name })))
    .onConflict((oc) => oc.constraint('units_number_unique').doNothing())
    .returning('id')
    .execute();
  return rows.length;
}

export async function insertUnit(trx: Trx, unit: Omit<Unit, 'id'> & { createdBy: string }): Promise<Unit> {
  const row = await trx
    .insertInto('units')
    .values({ enterprise_number: unit.enterpriseNumber, kind: unit.kind, number: unit.number, name: unit.name, created_by: unit.createdBy })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUnit(row);
}

/** Whether a capacity or sub-entity of that kind already has this name (case-insensitive) or number. */
export async function unitClash(db: Executor, enterpriseNumber: string, kind: Unit['kind'], name: string, number: string | null): Promise<'name' | 'number' | null> {
  const rows = await db.selectFrom('units').select(['name', 'number']).where('enterprise_number', '=', enterpriseNumber).where('kind', '=', kind).execute();
  if (rows.some((r) => r.name.toLowerCase() === name.toLowerCase())) return 'name';
  if (number !== null && rows.some((r) => r.number === number)) return 'number';
  return null;
}
