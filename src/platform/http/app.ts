import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppContext } from '../context';
import { renderPage } from '../views/render';
import { registerErrorHandling } from './errors';
import { registerLanguage } from './language';
import { registerObservability } from './observability';
import { registerSecurity } from './security';
import './types';

/**
 * A module's routes. Each is registered in its own encapsulated scope; a
 * module marked `global` (e.g. the session, which every page reads) adds
 * its hooks and decorations to the whole application.
 */
export type RouteModule = ((app: FastifyInstance, ctx: AppContext) => Promise<void> | void) & { global?: boolean };

const publicDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../public');

/** A URL as the logs show it: the secret of an invitation link masked. */
export function maskSecrets(url: string): string {
  return url.replace(/^\/invitations\/[^/?#]+/, '/invitations/[secret]');
}

/** Builds the application without listening, so tests inject requests directly. */
export async function buildApp(ctx: AppContext, routes: RouteModule[]): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: ctx.config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization'],
      // Secrets that travel in a path (an invitation's public link) never reach the logs.
      serializers: { req: (req: { method: string; url: string; hostname?: string; ip?: string }) => ({ method: req.method, url: maskSecrets(req.url), hostname: req.hostname, remoteAddress: req.ip }) },
    },
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    },
    trustProxy: ctx.config.trustProxy,
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await registerSecurity(app, ctx);
  await registerLanguage(app, ctx);
  registerErrorHandling(app);
  await registerObservability(app, ctx);
  await app.register(fastifyStatic, { root: publicDir, prefix: '/assets/', maxAge: '1h' });

  app.decorateRequest('viewer', undefined);
  app.decorateReply('render', function (view, status = 200) {
    const request = this.request;
    const html = renderPage(
      { lang: request.lang, t: request.t, csrfToken: this.generateCsrf(), url: request.url, devTools: ctx.config.devTools, viewer: request.viewer },
      view,
    );
    return this.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });

  for (const register of routes) {
    const plugin = async (scope: FastifyInstance) => register(scope, ctx);
    if (register.global) Object.assign(plugin, { [Symbol.for('skip-override')]: true });
    await app.register(plugin);
  }
  return app;
}
