import { sql, type Selectable } from 'kysely';
import type { Executor, Trx } from '../platform/db/database';
import type { Lang } from '../platform/i18n/languages';
import type { EboxAccountsTable, EboxDocumentsTable } from './tables';

export interface EboxAccount {
  nrn: string;
  /** The confirmed address; null: the eBox is not active. */
  email: string | null;
  activatedAt: Date | null;
  pendingEmail: string | null;
  pendingExpiresAt: Date | null;
  lang: Lang;
}

export interface EboxDocument {
  id: string;
  recipientNrn: string;
  senderClientId: string;
  senderName: string;
  title: string;
  body: string;
  depositedAt: Date;
  notified: boolean;
  readAt: Date | null;
}

export type DocumentSummary = Omit<EboxDocument, 'body'>;

const toAccount = (r: Selectable<EboxAccountsTable>): EboxAccount => ({
  nrn: r.nrn,
  email: r.email,
  activatedAt: r.activated_at,
  pendingEmail: r.pending_email,
  pendingExpiresAt: r.pending_expires_at,
  lang: r.lang,
});

const toDocument = (r: Selectable<EboxDocumentsTable>): EboxDocument => ({
  id: r.id,
  recipientNrn: r.recipient_nrn,
  senderClientId: r.sender_client_id,
  senderName: r.sender_name,
  title: r.title,
  body: r.body,
  depositedAt: r.deposited_at,
  notified: r.notified,
  readAt: r.read_at,
});

export async function findAccount(db: Executor, nrn: string, options: { forShare?: boolean } = {}): Promise<EboxAccount | undefined> {
  const row = await db
    .selectFrom('ebox_accounts')
    .selectAll()
    .where('nrn', '=', nrn)
    .$if(options.forShare === true, (q) => q.forShare())
    .executeTakeFirst();
  return row && toAccount(row);
}

/** Records an address waiting for confirmation (replacing any earlier one); the confirmed address, if any, stays in use meanwhile. */
export async function savePendingEmail(trx: Trx, p: { nrn: string; email: string; hash: string; expiresAt: Date; lang: Lang }, at: Date): Promise<void> {
  await trx
    .insertInto('ebox_accounts')
    .values({ nrn: p.nrn, email: null, activated_at: null, pending_email: p.email, pending_hash: p.hash, pending_expires_at: p.expiresAt, lang: p.lang, updated_at: at })
    .onConflict((oc) => oc.column('nrn').doUpdateSet({ pending_email: p.email, pending_hash: p.hash, pending_expires_at: p.expiresAt, lang: p.lang, updated_at: at }))
    .execute();
}

/**
 * Consumes a confirmation link atomically: the pending address becomes the
 * eBox's, once. Only the link's owner (by national register number) may
 * use it, and only before it expires. Returns the confirmed address.
 */
export async function confirmPendingEmail(trx: Trx, nrn: string, hash: string, at: Date): Promise<string | undefined> {
  const row = await trx
    .updateTable('ebox_accounts')
    .set({
      email: sql<string>`pending_email`,
      activated_at: sql<Date>`coalesce(activated_at, ${at})`,
      pending_email: null,
      pending_hash: null,
      pending_expires_at: null,
      updated_at: at,
    })
    .where('nrn', '=', nrn)
    .where('pending_hash', '=', hash)
    .where('pending_expires_at', '>', at)
    .returning('email')
    .executeTakeFirst();
  return row?.email ?? undefined;
}

export async function insertDocument(trx: Trx, d: Omit<EboxDocument, 'id' | 'readAt'>): Promise<EboxDocument> {
  const row = await trx
    .insertInto('ebox_documents')
    .values({
      recipient_nrn: d.recipientNrn,
      sender_client_id: d.senderClientId,
      sender_name: d.senderName,
      title: d.title,
      body: d.body,
      deposited_at: d.depositedAt,
      notified: d.notified,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toDocument(row);
}

export async function countDocuments(db: Executor, nrn: string): Promise<{ total: number; unread: number }> {
  const row = await db
    .selectFrom('ebox_documents')
    .select((eb) => [eb.fn.countAll<string>().as('total'), eb.fn.count<string>('id').filterWhere('read_at', 'is', null).as('unread')])
    .where('recipient_nrn', '=', nrn)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), unread: Number(row.unread) };
}

/** One page of a person's documents, newest first (ebox_documents_inbox). */
export async function documentsPage(db: Executor, nrn: string, offset: number, limit: number): Promise<DocumentSummary[]> {
  const rows = await db
    .selectFrom('ebox_documents')
    .select(['id', 'recipient_nrn', 'sender_client_id', 'sender_name', 'title', 'deposited_at', 'notified', 'read_at'])
    .where('recipient_nrn', '=', nrn)
    .orderBy('deposited_at', 'desc')
    .orderBy('id', 'desc')
    .offset(offset)
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const { body: _body, ...summary } = toDocument({ ...r, body: '' });
    return summary;
  });
}

/** A document of this recipient, marked read on its first opening; undefined for anyone else's. */
export async function openDocument(db: Executor, nrn: string, id: string, at: Date): Promise<EboxDocument | undefined> {
  await db.updateTable('ebox_documents').set({ read_at: at }).where('id', '=', id).where('recipient_nrn', '=', nrn).where('read_at', 'is', null).execute();
  const row = await db.selectFrom('ebox_documents').selectAll().where('id', '=', id).where('recipient_nrn', '=', nrn).executeTakeFirst();
  return row && toDocument(row);
}
