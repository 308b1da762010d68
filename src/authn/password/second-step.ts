import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { COOKIE_DEFAULTS } from '../../platform/http/security';
import { CODE_KINDS } from '../codes/service';

/**
 * Between the password and the security code, who the password proved is
 * kept in a cookie the server signs (the client can neither forge nor
 * change the person), valid for ten minutes of the server's clock.
 */
const STEP_COOKIE = 'sesame_code_step';
export const STEP_TTL_MS = 10 * 60_000;

const stepSchema = z.object({
  personId: z.uuid(),
  nrn: z.string().regex(/^\d{11}$/),
  passwordKeyId: z.uuid(),
  kind: z.enum(CODE_KINDS as ['totp', 'sms', 'email', 'token']),
  /** The token-card position asked for: fixed for the whole step, so retrying does not let one pick an easier one. */
  position: z.number().int().optional(),
  expiresAt: z.number(),
});
export type SecondStep = z.infer<typeof stepSchema>;

export function rememberSecondStep(reply: FastifyReply, step: SecondStep) {
  reply.setCookie(STEP_COOKIE, JSON.stringify(step), { ...COOKIE_DEFAULTS, signed: true, maxAge: STEP_TTL_MS / 1000 });
}

/** The step in progress, or undefined when absent, forged or past its time. */
export function secondStep(request: FastifyRequest, now: Date): SecondStep | undefined {
  const raw = request.cookies[STEP_COOKIE];
  const unsigned = raw ? request.unsignCookie(raw) : undefined;
  if (!unsigned?.valid || !unsigned.value) return undefined;
  try {
    const step = stepSchema.parse(JSON.parse(unsigned.value));
    return step.expiresAt > now.getTime() ? step : undefined;
  } catch {
    return undefined;
  }
}

export function forgetSecondStep(reply: FastifyReply) {
  reply.clearCookie(STEP_COOKIE, COOKIE_DEFAULTS);
}
