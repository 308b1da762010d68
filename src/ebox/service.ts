import { createHash, randomBytes } from 'node:crypto';
import type { ActorRef } from '../organisations/service';
import { recordAudit } from '../platform/audit/audit';
import type { AppContext } from '../platform/context';
import { NotFoundError } from '../platform/errors';
import type { Lang } from '../platform/i18n/languages';
import { enqueueEmail } from '../platform/outbox';
import { paginate, type Pagination } from '../platform/views/pagination';
import { ACTIVATION_LINK_MS, INBOX_PAGE_SIZE, type DepositInput } from './model';
import { activationEmail, documentNotice } from './notices';
import * as store from './store';

export type { DocumentSummary, EboxAccount, EboxDocument } from './store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** The person as an identified session knows them. */
export interface EboxOwner extends ActorRef {
  name: string;
}

export async function eboxAccount(ctx: Pick<AppContext, 'db'>, nrn: string): Promise<store.EboxAccount | undefined> {
  return store.findAccount(ctx.db, nrn);
}

/**
 * Activation, step 1: the person gives an address; a link to confirm it is
 * e-mailed there (valid {@link ACTIVATION_LINK_MS}). Decision: the eBox is
 * only active once the address is confirmed, so that notices about official
 * documents never go to a mistyped or someone else's address. Until then,
 * documents are kept and shown, without notice; a confirmed address stays
 * in use while a new one waits.
 */
export async function requestActivation(ctx: AppContext, owner: EboxOwner, email: string, lang: Lang, requestId?: string): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await store.savePendingEmail(trx, { nrn: owner.nrn, email, hash: hashOf(token), expiresAt: new Date(now.getTime() + ACTIVATION_LINK_MS), lang }, now);
    await enqueueEmail(trx, { to: email, lang, template: activationEmail, params: { name: owner.name, url: `${ctx.config.publicUrl}/ebox/activate/confirm?token=${token}` }, at: now });
    await recordAudit(trx, now, { actor: `person:${owner.nrn}`, action: 'ebox.activation_requested', target: `person:${owner.nrn}`, details: {}, requestId });
  });
}

/** Activation, step 2: the link's secret, by its owner only; false for an unknown, used or expired link. */
export async function confirmActivation(ctx: AppContext, owner: ActorRef, token: string, requestId?: string): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return false;
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const email = await store.confirmPendingEmail(trx, owner.nrn, hashOf(token), now);
    if (!email) return false;
    await recordAudit(trx, now, { actor: `person:${owner.nrn}`, action: 'ebox.activated', target: `person:${owner.nrn}`, details: {}, requestId });
    return true;
  });
}

export interface Inbox {
  account: store.EboxAccount | undefined;
  documents: store.DocumentSummary[];
  unread: number;
  pagination: Pagination;
}

/** The person's documents, newest first, 10 a page. */
export async function inboxOf(ctx: AppContext, nrn: string, page: number): Promise<Inbox> {
  const [account, counts] = await Promise.all([store.findAccount(ctx.db, nrn), store.countDocuments(ctx.db, nrn)]);
  const pagination = paginate(counts.total, page, INBOX_PAGE_SIZE);
  const documents = await store.documentsPage(ctx.db, nrn, pagination.offset, pagination.limit);
  return { account, documents, unread: counts.unread, pagination };
}

/** One document of the person, marked read; 404 for an unknown id or anyone else's document. */
export async function readDocument(ctx: AppContext, nrn: string, id: string): Promise<store.EboxDocument> {
  if (!UUID.test(id)) throw new NotFoundError();
  const document = await store.openDocument(ctx.db, nrn, id.toLowerCase(), ctx.clock.now());
  if (!document) throw new NotFoundError();
  return document;
}

export type DepositResult = { deposited: store.EboxDocument } | { refused: 'unknown_recipient' };

/**
 * An application deposits a document for a person (by national register
 * number, known to the register; the person need not have identified yet).
 * A notice is e-mailed, in the same transaction, only if the eBox is active.
 */
export async function depositDocument(ctx: AppContext, client: { clientId: string; name: string }, input: DepositInput, requestId?: string): Promise<DepositResult> {
  const person = await ctx.registers.persons.findPerson(input.recipient);
  if (!person || person.deathDate) return { refused: 'unknown_recipient' };
  const now = ctx.clock.now();
  const senderName = input.sender ?? client.name;
  return ctx.db.transaction().execute(async (trx) => {
    const account = await store.findAccount(trx, input.recipient, { forShare: true });
    const notify = account?.email ?? null;
    const document = await store.insertDocument(trx, {
      recipientNrn: input.recipient,
      senderClientId: client.clientId,
      senderName,
      title: input.title,
      body: input.body,
      depositedAt: now,
      notified: notify !== null,
    });
    if (notify && account) {
      await enqueueEmail(trx, {
        to: notify,
        lang: account.lang,
        template: documentNotice,
        params: { name: `${person.firstNames} ${person.lastName}`, sender: senderName, url: `${ctx.config.publicUrl}/ebox/${document.id}` },
        at: now,
      });
    }
    await recordAudit(trx, now, {
      actor: `client:${client.clientId}`,
      action: 'ebox.document_deposited',
      target: `person:${input.recipient}`,
      details: { documentId: document.id, notified: notify !== null },
      requestId,
    });
    return { deposited: document };
  });
}
