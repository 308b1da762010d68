import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireSession, sessionActor } from '../authn/http-session';
import { cachedClient } from '../oidc/client-cache';
import { clientOfBearer } from '../oidc/client-tokens';
import type { AppContext } from '../platform/context';
import { NotFoundError } from '../platform/errors';
import { emailField, formBody, formErrorsFromZod, formValue } from '../platform/views/form-data';
import { parsePage } from '../platform/views/pagination';
import { depositBody, EBOX_SCOPE } from './model';
import { confirmActivation, depositDocument, eboxAccount, inboxOf, readDocument, requestActivation } from './service';
import { ActivatePage, ConfirmPage } from './views/activate-page';
import { DocumentPage } from './views/document-page';
import { InboxPage } from './views/inbox-page';

const activateForm = z.object({ email: emailField({ required: true }) });
const owner = (request: FastifyRequest) => ({ ...sessionActor(request), name: request.session!.displayName });

function problem(reply: FastifyReply, status: number, error: string, description: string) {
  if (status === 401) reply.header('www-authenticate', `Bearer error="${error}"`);
  if (status === 403) reply.header('www-authenticate', `Bearer error="insufficient_scope", scope="${EBOX_SCOPE}"`);
  return reply.status(status).header('cache-control', 'no-store').send({ error, error_description: description });
}

/**
 * The eBox (seed 003, "Activer l'eBox"): applications deposit documents
 * through the API with a client-credentials token (scope `ebox`); the
 * person activates the eBox with an e-mail address and reads the documents.
 * The pages need the substantial level: the guide names eID, itsme and the
 * security-code token, all at least substantial, for official documents.
 */
export function eboxRoutes(app: FastifyInstance, ctx: AppContext) {
  const person = { preHandler: requireSession('substantial') };

  app.get('/ebox', person, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const inbox = await inboxOf(ctx, request.session!.nrn, parsePage(query.page));
    return reply.render(<InboxPage inbox={inbox} activated={formValue(query, 'activated') === '1'} />);
  });

  app.get('/ebox/activate', person, async (request, reply) => {
    const account = await eboxAccount(ctx, request.session!.nrn);
    const sent = formValue((request.query ?? {}) as Record<string, unknown>, 'sent') === '1' ? (account?.pendingEmail ?? undefined) : undefined;
    return reply.render(<ActivatePage account={account} email={account?.pendingEmail ?? account?.email ?? ''} sentTo={sent} />);
  });

  app.post('/ebox/activate', person, async (request, reply) => {
    const body = formBody(request.body);
    const parsed = activateForm.safeParse(body);
    if (!parsed.success) {
      const account = await eboxAccount(ctx, request.session!.nrn);
      const errors = formErrorsFromZod(parsed.error, request.t, { email: request.t('ebox.activate.email') });
      return reply.render(<ActivatePage account={account} email={formValue(body, 'email')} errors={errors} />, 400);
    }
    await requestActivation(ctx, owner(request), parsed.data.email, request.lang, request.id);
    return reply.redirect('/ebox/activate?sent=1', 303);
  });

  app.get('/ebox/activate/confirm', person, async (request, reply) => {
    return reply.render(<ConfirmPage token={formValue((request.query ?? {}) as Record<string, unknown>, 'token').slice(0, 200)} />);
  });

  app.post('/ebox/activate/confirm', person, async (request, reply) => {
    const token = formValue(formBody(request.body), 'token');
    if (!(await confirmActivation(ctx, owner(request), token, request.id))) return reply.render(<ConfirmPage token="" failed />, 400);
    return reply.redirect('/ebox?activated=1', 303);
  });

  app.get('/ebox/:id', person, async (request, reply) => {
    const id = (request.params as { id?: unknown }).id;
    if (typeof id !== 'string') throw new NotFoundError();
    return reply.render(<DocumentPage document={await readDocument(ctx, request.session!.nrn, id)} />);
  });

  // ——— the API for applications ———

  app.post('/api/ebox/documents', { config: { csrf: false } }, async (request, reply) => {
    const client = await clientOfBearer(ctx.db, request.headers.authorization);
    if (!client) return problem(reply, 401, 'invalid_token', 'a client-credentials access token is required');
    if (!client.scopes.includes(EBOX_SCOPE)) return problem(reply, 403, 'insufficient_scope', `the token lacks the ${EBOX_SCOPE} scope`);
    const parsed = depositBody.safeParse(request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return problem(reply, 400, 'invalid_request', `${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    const record = await cachedClient(ctx.db, client.clientId);
    const name = typeof record?.metadata.client_name === 'string' ? record.metadata.client_name : client.clientId;
    const result = await depositDocument(ctx, { clientId: client.clientId, name }, parsed.data, request.id);
    if ('refused' in result) return problem(reply, 422, 'unknown_recipient', 'the national register does not know this person');
    const d = result.deposited;
    return reply.status(201).header('cache-control', 'no-store').send({ id: d.id, recipient: d.recipientNrn, title: d.title, sender: d.senderName, depositedAt: d.depositedAt.toISOString() });
  });
}
