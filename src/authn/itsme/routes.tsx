import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { COOKIE_DEFAULTS } from '../../platform/http/security';
import { completeIdentification, pendingLogin } from '../login';
import { beginItsmeLogin, finishItsmeLogin, itsmeClientJwks, type ItsmeTransient } from './broker';
import { ItsmeRefusal, type RefusalReason } from './model';
import { RefusedPage } from './views/refused-page';

const TRANSIENT_COOKIE = 'sesame_itsme';
const TRANSIENT_MAX_AGE = 10 * 60;
const TRANSIENT_COOKIE_OPTIONS = { ...COOKIE_DEFAULTS, path: '/login/itsme', signed: true } as const;

const transientSchema = z.object({ state: z.string().min(1), nonce: z.string().min(1), verifier: z.string().min(43) });
const callbackQuery = z.record(z.string(), z.string()).catch({});

const STATUS: Record<RefusalReason, number> = {
  expired: 400,
  state_mismatch: 400,
  access_denied: 403,
  provider_error: 502,
  unavailable: 503,
  acr_too_low: 403,
  no_national_number: 403,
  unknown_person: 403,
};

function readTransient(request: FastifyRequest): ItsmeTransient | undefined {
  const raw = request.cookies[TRANSIENT_COOKIE];
  const unsigned = raw ? request.unsignCookie(raw) : undefined;
  if (!unsigned?.valid || !unsigned.value) return undefined;
  try {
    const parsed = transientSchema.safeParse(JSON.parse(unsigned.value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Audits the refusal and tells the person why, in their language, with a way on. */
async function refuse(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, refusal: ItsmeRefusal) {
  if (refusal.reason === 'unavailable' || refusal.reason === 'provider_error') request.log.warn({ detail: refusal.detail }, refusal.message);
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, ctx.clock.now(), {
      actor: refusal.nrn ? `person:${refusal.nrn}` : 'anonymous',
      action: 'authn.itsme.refused',
      target: refusal.nrn ? `person:${refusal.nrn}` : null,
      details: { key: 'itsme', reason: refusal.reason, ...(refusal.detail ? { detail: refusal.detail.slice(0, 200) } : {}) },
      requestId: request.id,
    }),
  );
  const pending = pendingLogin(request);
  const otherKeyHref = `/login?${new URLSearchParams({ return: pending.returnTo, loa: pending.loa })}`;
  return reply.render(<RefusedPage reason={refusal.reason} otherKeyHref={otherKeyHref} />, STATUS[refusal.reason]);
}

/** The itsme key: Sésame as a relying party of itsme (or of the demo provider when ITSME_ISSUER is not set). */
export function itsmeRoutes(app: FastifyInstance, ctx: AppContext) {
  /** "IDENTIFICATION via itsme": off to itsme, with state, nonce and PKCE verifier kept in a signed 10-minute cookie. */
  app.get('/login/itsme', async (request, reply) => {
    try {
      const { url, transient } = await beginItsmeLogin(ctx, request.lang);
      reply.setCookie(TRANSIENT_COOKIE, JSON.stringify(transient), { ...TRANSIENT_COOKIE_OPTIONS, maxAge: TRANSIENT_MAX_AGE });
      return reply.redirect(url, 303);
    } catch (error) {
      if (error instanceof ItsmeRefusal) return refuse(ctx, request, reply, error);
      throw error;
    }
  });

  /** Where itsme sends the browser back: the transient state is used once, whatever the outcome. */
  app.get('/login/itsme/callback', async (request, reply) => {
    const transient = readTransient(request);
    reply.clearCookie(TRANSIENT_COOKIE, TRANSIENT_COOKIE_OPTIONS);
    let nrn: string | undefined;
    try {
      ({ nrn } = await finishItsmeLogin(ctx, callbackQuery.parse(request.query), transient));
      return await completeIdentification(ctx, request, reply, { nrn, key: 'itsme' });
    } catch (error) {
      if (error instanceof ItsmeRefusal) return refuse(ctx, request, reply, error);
      if (error instanceof AppError && error.code === 'identity.unknown_person') return refuse(ctx, request, reply, new ItsmeRefusal('unknown_person', nrn));
      throw error;
    }
  });

  /** The client's public keys, which itsme fetches to check client assertions and to encrypt ID tokens. */
  app.get('/login/itsme/jwks.json', async (_request, reply) => {
    return reply.header('cache-control', 'public, max-age=300').type('application/jwk-set+json').send(await itsmeClientJwks(ctx));
  });
}
