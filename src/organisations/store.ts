import type { Selectable } from 'kysely';
import type { Executor, Trx } from '../platform/db/database';
import type { Mandate } from './model';
import type { MandateKind, MandatesTable, UnitKind } from './tables';

/** A mandate with what pages and notices show beside the policy's facts. */
export interface MandateRecord extends Mandate {
  contactEmail: string | null;
  contactPhone: string | null;
  designatedAt: Date;
  designatedBy: string;
  revokedBy: string | null;
  revokedReason: 'revoked' | 'replaced' | null;
}

export interface RegisteredEnterprise {
  number: string;
  registeredAt: Date;
  registeredBy: string;
}

export interface Unit {
  id: string;
  enterpriseNumber: string;
  kind: UnitKind;
  number: string | null;
  name: string;
}

function toMandate(row: Selectable<MandatesTable>): MandateRecord {
  return {
    id: row.id,
    enterpriseNumber: row.enterprise_number,
    personId: row.person_id,
    kind: row.kind,
    domain: row.domain,
    application: row.application,
    unitId: row.unit_id,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    revokedAt: row.revoked_at,
    contactEmail: row.contact_email,
    contactPhone: row.contact_phone,
    designatedAt: row.designated_at,
    designatedBy: row.designated_by,
    revokedBy: row.revoked_by,
    revokedReason: row.revoked_reason,
  };
}

export async function findRegisteredEnterprise(db: Executor, number: string): Promise<RegisteredEnterprise | undefined> {
  const row = await db.selectFrom('enterprises').selectAll().where('number', '=', number).executeTakeFirst();
  return row && { number: row.number, registeredAt: row.registered_at, registeredBy: row.registered_by };
}

/** Registers the enterprise unless it already is; true when this call registered it. */
export async function insertEnterpriseIfAbsent(trx: Trx, number: string, at: Date, by: string): Promise<boolean> {
  const inserted = await trx
    .insertInto('enterprises')
    .values({ number, registered_at: at, registered_by: by })
    .onConflict((oc) => oc.column('number').doNothing())
    .returning('number')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Locks a registered enterprise's row until the transaction ends: every
 * change to its mandates takes this lock first, so concurrent decisions
 * about the same enterprise run one after the other.
 */
export async function lockEnterprise(trx: Trx, number: string): Promise<boolean> {
  const row = await trx.selectFrom('enterprises').select('number').where('number', '=', number).forUpdate().executeTakeFirst();
  return row !== undefined;
}

export interface NewMandate {
  enterpriseNumber: string;
  personId: string;
  kind: MandateKind;
  domain?: string | null;
  application?: string | null;
  unitId?: string | null;
  validFrom: string;
  validUntil: string | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
  at: Date;
  by: string;
}

export async function insertMandate(trx: Trx, m: NewMandate): Promise<MandateRecord> {
  const row = await trx
    .insertInto('mandates')
    .values({
      enterprise_number: m.enterpriseNumber,
      person_id: m.personId,
      kind: m.kind,
      domain: m.domain ?? null,
      application: m.application ?? null,
      unit_id: m.unitId ?? null,
      valid_from: m.validFrom,
      valid_until: m.validUntil,
      contact_email: m.contactEmail ?? null,
      contact_phone: m.contactPhone ?? null,
      designated_at: m.at,
      designated_by: m.by,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toMandate(row);
}

/** Ends a mandate that is not revoked yet (`by` null: automatically); undefined when it already was (or does not exist). */
export async function revokeMandateRow(trx: Trx, id: string, at: Date, by: string | null, reason: 'revoked' | 'replaced'): Promise<MandateRecord | undefined> {
  const row = await trx
    .updateTable('mandates')
    .set({ revoked_at: at, revoked_by: by, revoked_reason: reason })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row && toMandate(row);
}

export async function findMandate(db: Executor, id: string): Promise<MandateRecord | undefined> {
  const row = await db.selectFrom('mandates').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toMandate(row);
}

/** The principal access manager's mandate that is not revoked (at most one, by a unique index). */
export async function findLivePrincipal(db: Executor, enterpriseNumber: string): Promise<MandateRecord | undefined> {
  const row = await db
    .selectFrom('mandates')
    .selectAll()
    .where('enterprise_number', '=', enterpriseNumber)
    .where('kind', '=', 'principal')
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row && toMandate(row);
}

/** Every mandate of an enterprise, revoked ones included, newest first. */
export async function listMandatesOfEnterprise(db: Executor, enterpriseNumber: string): Promise<MandateRecord[]> {
  const rows = await db.selectFrom('mandates').selectAll().where('enterprise_number', '=', enterpriseNumber).orderBy('designated_at', 'desc').orderBy('id').execute();
  return rows.map(toMandate);
}

/** The mandates of a person that are not revoked, in every enterprise (the policy decides which are current). */
export async function listLiveMandatesOfPerson(db: Executor, personId: string): Promise<MandateRecord[]> {
  const rows = await db.selectFrom('mandates').selectAll().where('person_id', '=', personId).where('revoked_at', 'is', null).orderBy('designated_at').execute();
  return rows.map(toMandate);
}

export async function findUnit(db: Executor, id: string): Promise<Unit | undefined> {
  const row = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  return row && { id: row.id, enterpriseNumber: row.enterprise_number, kind: row.kind, number: row.number, name: row.name };
}

export async function insertUnit(trx: Executor, unit: Omit<Unit, 'id'>): Promise<Unit> {
  const row = await trx
    .insertInto('units')
    .values({ enterprise_number: unit.enterpriseNumber, kind: unit.kind, number: unit.number, name: unit.name })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { id: row.id, enterpriseNumber: row.enterprise_number, kind: row.kind, number: row.number, name: row.name };
}

/**
 * The enterprises where a person holds a current mandate on `day`, as rows
 * (enterprise_number, capacity, since) for the enterprise chooser: a query
 * not yet run, so the registers can page it with their names in one statement.
 */
export function currentMandateCapacities(db: Executor, personId: string, day: string) {
  return db
    .selectFrom('mandates')
    .select(['enterprise_number', 'kind as capacity', 'designated_at as since'])
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .where('valid_from', '<=', day)
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', day)]));
}
