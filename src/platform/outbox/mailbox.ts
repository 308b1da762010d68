import type { Db } from '../db/database';
import { pageOf } from './model';
import { countMailbox, findMailboxMessage, listMailbox, type MailboxMessage } from './store';

export type { MailboxMessage };

/** Ten per page, as every list in the guides. */
export const MAILBOX_PAGE_SIZE = 10;

export interface MailboxPage {
  messages: MailboxMessage[];
  page: number;
  pages: number;
  total: number;
}

/** One page of the local mailbox, newest first. */
export async function readMailboxPage(db: Db, requestedPage: number): Promise<MailboxPage> {
  const total = await countMailbox(db);
  const { page, pages, offset, limit } = pageOf(requestedPage, total, MAILBOX_PAGE_SIZE);
  return { messages: await listMailbox(db, offset, limit), page, pages, total };
}

export function readMailboxMessage(db: Db, id: number): Promise<MailboxMessage | undefined> {
  return findMailboxMessage(db, id);
}
