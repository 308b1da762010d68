import { sql, type Insertable, type Selectable } from 'kysely';
import type { Executor, Trx } from '../../platform/db/database';
import type { Application, Domain, Role } from './model';
import type { CatalogApplicationsTable, CatalogDomainsTable, CatalogRolesTable } from './tables';

/** The current catalog, in the files' order. */
export async function loadCurrent(db: Executor): Promise<{ domains: Domain[]; applications: Application[]; roles: Role[] }> {
  const [domains, applications, roles] = await Promise.all([
    db.selectFrom('catalog_domains').selectAll().where('retired_at', 'is', null).orderBy('position').execute(),
    db.selectFrom('catalog_applications').selectAll().where('retired_at', 'is', null).orderBy('position').execute(),
    db.selectFrom('catalog_roles').selectAll().where('retired_at', 'is', null).orderBy('application_id').orderBy('position').execute(),
  ]);
  return { domains: domains.map(domainOf), applications: applications.map(applicationOf), roles: roles.map(roleOf) };
}

export function domainOf(d: Selectable<CatalogDomainsTable>): Domain {
  return { id: d.id, names: d.names };
}

export function applicationOf(a: Selectable<CatalogApplicationsTable>): Application {
  return {
    id: a.id,
    domainId: a.domain_id,
    names: a.names,
    descriptions: a.descriptions,
    categories: a.categories,
    permissions: a.permissions,
    url: a.url,
    clients: a.clients,
    audience: a.audience,
    supportEmail: a.support_email,
    minLoa: a.min_loa,
  };
}

export function roleOf(r: Selectable<CatalogRolesTable>): Role {
  return {
    applicationId: r.application_id,
    code: r.code,
    names: r.names,
    shortDescriptions: r.short_descriptions,
    longDescriptions: r.long_descriptions,
    permissions: r.permissions,
    unitKind: r.unit_kind,
    endDateRequired: r.end_date_required,
    approval: r.approval,
    minLoa: r.min_loa,
  };
}

/** A stored entry with where it stands: what applying the files compares against. */
export interface Stored<T> {
  entry: T;
  position: number;
  retired: boolean;
}

/** Every entry, retired ones included, locked for the rest of the transaction. */
export async function loadAllForUpdate(trx: Trx): Promise<{ domains: Stored<Domain>[]; applications: Stored<Application>[]; roles: Stored<Role>[] }> {
  const domains = await trx.selectFrom('catalog_domains').selectAll().forUpdate().execute();
  const applications = await trx.selectFrom('catalog_applications').selectAll().forUpdate().execute();
  const roles = await trx.selectFrom('catalog_roles').selectAll().forUpdate().execute();
  const stored = <R extends { position: number; retired_at: Date | null }, T>(rows: R[], of: (r: R) => T) =>
    rows.map((r) => ({ entry: of(r), position: r.position, retired: r.retired_at !== null }));
  return { domains: stored(domains, domainOf), applications: stored(applications, applicationOf), roles: stored(roles, roleOf) };
}

export type DomainRow = Insertable<CatalogDomainsTable>;
export type ApplicationRow = Insertable<CatalogApplicationsTable>;
export type RoleRow = Insertable<CatalogRolesTable>;

/** Inserts or replaces domains (a retired one that comes back is current again: retired_at is part of the row). */
export async function upsertDomains(trx: Trx, rows: DomainRow[]) {
  if (!rows.length) return;
  await trx
    .insertInto('catalog_domains')
    .values(rows)
    .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ names: eb.ref('excluded.names'), position: eb.ref('excluded.position'), retired_at: eb.ref('excluded.retired_at') })))
    .execute();
}

export async function upsertApplications(trx: Trx, rows: ApplicationRow[]) {
  if (!rows.length) return;
  await trx
    .insertInto('catalog_applications')
    .values(rows)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        domain_id: eb.ref('excluded.domain_id'),
        names: eb.ref('excluded.names'),
        descriptions: eb.ref('excluded.descriptions'),
        categories: eb.ref('excluded.categories'),
        permissions: eb.ref('excluded.permissions'),
        url: eb.ref('excluded.url'),
        clients: eb.ref('excluded.clients'),
        audience: eb.ref('excluded.audience'),
        support_email: eb.ref('excluded.support_email'),
        min_loa: eb.ref('excluded.min_loa'),
        position: eb.ref('excluded.position'),
        retired_at: eb.ref('excluded.retired_at'),
      })),
    )
    .execute();
}

export async function upsertRoles(trx: Trx, rows: RoleRow[]) {
  if (!rows.length) return;
  await trx
    .insertInto('catalog_roles')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['application_id', 'code']).doUpdateSet((eb) => ({
        names: eb.ref('excluded.names'),
        short_descriptions: eb.ref('excluded.short_descriptions'),
        long_descriptions: eb.ref('excluded.long_descriptions'),
        permissions: eb.ref('excluded.permissions'),
        unit_kind: eb.ref('excluded.unit_kind'),
        end_date_required: eb.ref('excluded.end_date_required'),
        approval: eb.ref('excluded.approval'),
        min_loa: eb.ref('excluded.min_loa'),
        position: eb.ref('excluded.position'),
        retired_at: eb.ref('excluded.retired_at'),
      })),
    )
    .execute();
}

/** Marks entries the files no longer list (never deleted: assignments and history point at them). */
export async function retire(trx: Trx, at: Date, ids: { domains: string[]; applications: string[]; roles: { applicationId: string; code: string }[] }) {
  for (const r of ids.roles) {
    await trx.updateTable('catalog_roles').set({ retired_at: at }).where('application_id', '=', r.applicationId).where('code', '=', r.code).execute();
  }
  if (ids.applications.length) await trx.updateTable('catalog_applications').set({ retired_at: at }).where('id', 'in', ids.applications).execute();
  if (ids.domains.length) await trx.updateTable('catalog_domains').set({ retired_at: at }).where('id', 'in', ids.domains).execute();
}

/** One applier at a time (several nodes start together): held until the transaction ends. */
export async function lockCatalog(trx: Trx) {
  await sql`select pg_advisory_xact_lock(${CATALOG_LOCK})`.execute(trx);
}
const CATALOG_LOCK = 0x5e5a3ca7;
