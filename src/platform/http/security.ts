import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context';
import { AppError } from '../errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Cookies always Secure, HttpOnly and SameSite=Lax: browsers accept Secure cookies on http://localhost too. */
export const COOKIE_DEFAULTS = { path: '/', httpOnly: true, secure: true, sameSite: 'lax' } as const;

/** Headers, cookies, CSRF and rate limits: what every route gets without asking. */
export async function registerSecurity(app: FastifyInstance, ctx: AppContext) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    strictTransportSecurity: ctx.config.publicUrl.startsWith('https:'),
  });
  await app.register(cookie, { secret: ctx.cookieSecret });
  await app.register(formbody);
  await app.register(csrf, { cookieKey: 'sesame_csrf', cookieOpts: { ...COOKIE_DEFAULTS, signed: true } });

  app.addHook('preHandler', (request, reply, done) => {
    if (SAFE_METHODS.has(request.method) || request.routeOptions.config?.csrf === false) return done();
    app.csrfProtection(request, reply, done);
  });

  await app.register(rateLimit, {
    max: ctx.config.rateLimitPerMinute,
    timeWindow: '1 minute',
    allowList: (request) => request.url.startsWith('/health/') || request.url.startsWith('/assets/'),
    errorResponseBuilder: () => new AppError('errors.rate_limited', 429),
  });
}
