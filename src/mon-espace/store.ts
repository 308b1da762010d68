import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type Generated } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from '../platform/db/pglite-dialect';

/*
 * Mon Espace keeps its own data, apart from Sésame's: a relying application
 * never reads the platform's tables. Embedded PGlite by default (on disk
 * under data/mon-espace, or in memory for tests), PostgreSQL with
 * MON_ESPACE_DATABASE_URL.
 */

export type DossierStatus = 'draft' | 'signed' | 'submitted';

interface DossiersTable {
  id: Generated<string>;
  /** The enterprise the dossier belongs to (10 digits). */
  enterprise: string;
  title: string;
  body: string;
  status: DossierStatus;
  created_by: string;
  updated_by: string;
  updated_at: Date;
  signed_by: string | null;
  submitted_by: string | null;
}

interface SessionsTable {
  id: string;
  /** The platform's `sub` and session id (`sid`): back-channel logout names them. */
  sub: string;
  sid: string | null;
  claims: string;
  id_token: string;
  csrf: string;
  created_at: Date;
}

interface Schema {
  mon_espace_dossiers: DossiersTable;
  mon_espace_sessions: SessionsTable;
}

export type MonEspaceDb = Kysely<Schema>;

export async function openStore(target: { url: string } | { dataDir: string } | { memory: true }): Promise<MonEspaceDb> {
  let db: MonEspaceDb;
  if ('url' in target) db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: target.url, max: 4 }) }) });
  else {
    if ('dataDir' in target) mkdirSync(target.dataDir, { recursive: true });
    db = new Kysely<Schema>({ dialect: new PGliteDialect(new PGlite('dataDir' in target ? target.dataDir : undefined)) });
  }
  await sql`create table if not exists mon_espace_dossiers (
    id uuid primary key default gen_random_uuid(), enterprise text not null, title text not null, body text not null,
    status text not null check (status in ('draft', 'signed', 'submitted')), created_by text not null, updated_by text not null,
    updated_at timestamptz not null, signed_by text, submitted_by text)`.execute(db);
  await sql`create table if not exists mon_espace_sessions (
    id text primary key, sub text not null, sid text, claims text not null, id_token text not null, csrf text not null, created_at timestamptz not null)`.execute(db);
  return db;
}

export interface Dossier {
  id: string;
  enterprise: string;
  title: string;
  body: string;
  status: DossierStatus;
  createdBy: string;
  updatedBy: string;
  updatedAt: Date;
  signedBy: string | null;
  submittedBy: string | null;
}

const toDossier = (r: { id: string; enterprise: string; title: string; body: string; status: DossierStatus; created_by: string; updated_by: string; updated_at: Date; signed_by: string | null; submitted_by: string | null }): Dossier => ({
  id: r.id,
  enterprise: r.enterprise,
  title: r.title,
  body: r.body,
  status: r.status,
  createdBy: r.created_by,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
  signedBy: r.signed_by,
  submittedBy: r.submitted_by,
});

export async function dossiersOf(db: MonEspaceDb, enterprise: string): Promise<Dossier[]> {
  return (await db.selectFrom('mon_espace_dossiers').selectAll().where('enterprise', '=', enterprise).orderBy('updated_at', 'desc').execute()).map(toDossier);
}

export async function findDossier(db: MonEspaceDb, enterprise: string, id: string): Promise<Dossier | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const row = await db.selectFrom('mon_espace_dossiers').selectAll().where('enterprise', '=', enterprise).where('id', '=', id).executeTakeFirst();
  return row && toDossier(row);
}

export async function insertDossier(db: MonEspaceDb, d: { enterprise: string; title: string; body: string; by: string }): Promise<Dossier> {
  const row = await db
    .insertInto('mon_espace_dossiers')
    .values({ enterprise: d.enterprise, title: d.title, body: d.body, status: 'draft', created_by: d.by, updated_by: d.by, updated_at: new Date() })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toDossier(row);
}

/** Changes a dossier only from the state the caller saw, so a dossier submitted meanwhile is not modified behind its signer's back. */
export async function updateDossier(db: MonEspaceDb, id: string, from: DossierStatus[], change: { title?: string; body?: string; status?: DossierStatus; by: string; signedBy?: string; submittedBy?: string }): Promise<boolean> {
  const result = await db
    .updateTable('mon_espace_dossiers')
    .set({
      ...(change.title !== undefined ? { title: change.title } : {}),
      ...(change.body !== undefined ? { body: change.body } : {}),
      ...(change.status ? { status: change.status } : {}),
      ...(change.signedBy ? { signed_by: change.signedBy } : {}),
      ...(change.submittedBy ? { submitted_by: change.submittedBy } : {}),
      updated_by: change.by,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteDossier(db: MonEspaceDb, id: string): Promise<boolean> {
  const result = await db.deleteFrom('mon_espace_dossiers').where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export interface Session {
  id: string;
  sub: string;
  sid: string | null;
  claims: Record<string, unknown>;
  idToken: string;
  csrf: string;
}

export async function insertSession(db: MonEspaceDb, s: Session): Promise<void> {
  await db.insertInto('mon_espace_sessions').values({ id: s.id, sub: s.sub, sid: s.sid, claims: JSON.stringify(s.claims), id_token: s.idToken, csrf: s.csrf, created_at: new Date() }).execute();
}

export async function findSession(db: MonEspaceDb, id: string): Promise<Session | undefined> {
  const row = await db.selectFrom('mon_espace_sessions').selectAll().where('id', '=', id).executeTakeFirst();
  return row && { id: row.id, sub: row.sub, sid: row.sid, claims: JSON.parse(row.claims) as Record<string, unknown>, idToken: row.id_token, csrf: row.csrf };
}

export async function deleteSession(db: MonEspaceDb, id: string): Promise<void> {
  await db.deleteFrom('mon_espace_sessions').where('id', '=', id).execute();
}

/** Back-channel logout: the platform names the session (sid) or, without one, the person (sub). */
export async function deleteSessionsOf(db: MonEspaceDb, who: { sub: string; sid?: string }): Promise<number> {
  let q = db.deleteFrom('mon_espace_sessions').where('sub', '=', who.sub);
  if (who.sid) q = q.where('sid', '=', who.sid);
  return Number((await q.executeTakeFirst()).numDeletedRows);
}
