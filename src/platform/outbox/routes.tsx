import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context';
import { NotFoundError } from '../errors';
import { mailboxPageEnabled } from './delivery';
import { readMailboxMessage, readMailboxPage } from './mailbox';
import { MailboxList } from './views/mailbox-list';
import { MailboxMessageView } from './views/mailbox-message';

// A bad page number shows the first page rather than an error: it is a developer's page.
const listQuery = z.object({ page: z.coerce.number().int().min(1).max(1_000_000).catch(1) });
const messageParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/**
 * /dev/mailbox, where developers read what the platform sent. Registered
 * only when messages really land there (no SMTP_URL) and developer tools are
 * on: with SMTP configured the page does not exist.
 */
export function devMailboxRoutes(app: FastifyInstance, ctx: AppContext) {
  if (!mailboxPageEnabled(ctx.config)) return;

  app.get('/dev/mailbox', async (request, reply) => {
    const { page } = listQuery.parse(request.query ?? {});
    return reply.render(<MailboxList mailbox={await readMailboxPage(ctx.db, page)} />);
  });

  app.get('/dev/mailbox/:id', async (request, reply) => {
    const params = messageParams.safeParse(request.params);
    const message = params.success ? await readMailboxMessage(ctx.db, params.data.id) : undefined;
    if (!message) throw new NotFoundError();
    return reply.render(<MailboxMessageView message={message} />);
  });
}
