import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { AppContext } from '../context';
import { AppError } from '../errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Cookies always Secure, HttpOnly and SameSite=Lax: browsers accept Secure cookies on http://localhost too. */
export const COOKIE_DEFAULTS = { path: '/', httpOnly: true, secure: true, sameSite: 'lax' } as const;

interface PendingCookie {
  name: string;
  value: string;
  opts: Record<string, unknown>;
}

/**
 * The cookies set on a Fastify reply and not written yet, as Set-Cookie
 * lines, taken off the reply. @fastify/cookie writes them in its onSend
 * hook, which a hijacked reply (one the OpenID provider answers) never
 * runs; it keeps them under a symbol of its own, without an accessor.
 */
export function takePendingCookies(reply: FastifyReply): string[] {
  const key = Object.getOwnPropertySymbols(reply).find((symbol) => symbol.description === 'fastify.reply.setCookies');
  const pending = key ? (reply as unknown as Record<symbol, Map<string, PendingCookie> | null>)[key] : undefined;
  if (!pending?.size) return [];
  const lines = [...pending.values()].map((c) => reply.server.serializeCookie(c.name, c.value, c.opts));
  pending.clear();
  return lines;
}

/**
 * Helmet's headers, worked out once. Our options are the same for every
 * response, and @fastify/helmet builds helmet's middleware (and parses the
 * policy) again on every request: a tenth of the CPU of a small API call.
 */
function securityHeaders(options: HelmetOptions): Array<[string, string]> {
  const headers = new Map<string, string>();
  const response = { setHeader: (name: string, value: unknown) => headers.set(name.toLowerCase(), String(value)), removeHeader: (name: string) => headers.delete(name.toLowerCase()) };
  helmet(options)({} as never, response as never, (error?: unknown) => {
    if (error) throw error;
  });
  return [...headers];
}

/** Headers, cookies, CSRF and rate limits: what every route gets without asking. */
export async function registerSecurity(app: FastifyInstance, ctx: AppContext) {
  const headers = securityHeaders({
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
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
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
