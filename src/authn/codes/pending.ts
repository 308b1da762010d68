import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { COOKIE_DEFAULTS } from '../../platform/http/security';

/**
 * An activation in progress (the TOTP secret being enrolled, the number or
 * address being proven), kept between its two pages in a cookie the server
 * signs, bound to the person and valid 15 minutes of the server's clock.
 */
const COOKIE = 'sesame_key_activation';
const TTL_MS = 15 * 60_000;

const pendingSchema = z.object({
  personId: z.uuid(),
  kind: z.enum(['totp', 'sms', 'email']),
  /** The TOTP secret (base32), or the phone number or e-mail address. */
  value: z.string().min(1).max(254),
  expiresAt: z.number(),
});
export type PendingActivation = z.infer<typeof pendingSchema>;

export function rememberActivation(reply: FastifyReply, now: Date, pending: Omit<PendingActivation, 'expiresAt'>) {
  reply.setCookie(COOKIE, JSON.stringify({ ...pending, expiresAt: now.getTime() + TTL_MS }), { ...COOKIE_DEFAULTS, signed: true, maxAge: TTL_MS / 1000 });
}

export function pendingActivation(request: FastifyRequest, now: Date, personId: string, kind: PendingActivation['kind']): PendingActivation | undefined {
  const raw = request.cookies[COOKIE];
  const unsigned = raw ? request.unsignCookie(raw) : undefined;
  if (!unsigned?.valid || !unsigned.value) return undefined;
  try {
    const pending = pendingSchema.parse(JSON.parse(unsigned.value));
    return pending.personId === personId && pending.kind === kind && pending.expiresAt > now.getTime() ? pending : undefined;
  } catch {
    return undefined;
  }
}

export function forgetActivation(reply: FastifyReply) {
  reply.clearCookie(COOKIE, COOKIE_DEFAULTS);
}
