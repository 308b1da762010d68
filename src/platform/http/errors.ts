import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { AppError } from '../errors';
import type { MessageKey } from '../i18n/catalog';
import { ErrorPage } from '../views/error-page';

function wantsJson(request: FastifyRequest) {
  return request.url.startsWith('/api/') || (request.headers.accept ?? '').startsWith('application/json');
}

function send(request: FastifyRequest, reply: FastifyReply, status: number, code: MessageKey, message: string, field?: string) {
  if (wantsJson(request)) return reply.status(status).send({ error: { code, message, ...(field ? { field } : {}) }, requestId: request.id });
  const title = status === 404 ? request.t('errors.not_found.title') : status >= 500 ? request.t('errors.internal.title') : request.t('banner.failure');
  return reply.render(h(ErrorPage, { title, message }), status);
}

/** One handler: known errors become a translated message, anything else a 500 that tells nothing but a reference. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return send(request, reply, error.status, error.code, request.t(error.code, error.params), error.field);
    }
    if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
      return send(request, reply, 403, 'errors.csrf', request.t('errors.csrf'));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return send(request, reply, status, 'errors.bad_request', request.t('errors.bad_request'));
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(request, reply, 500, 'errors.internal.text', request.t('errors.internal.text', { requestId: request.id }));
  });
  app.setNotFoundHandler((request, reply) => send(request, reply, 404, 'errors.not_found.text', request.t('errors.not_found.text')));
}
