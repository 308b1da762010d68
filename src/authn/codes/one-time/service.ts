import type { AppContext } from '../../../platform/context';
import type { Trx } from '../../../platform/db/database';
import type { Lang } from '../../../platform/i18n/languages';
import { enqueueEmail, enqueueSms } from '../../../platform/outbox';
import { codeKeys, hmacOf } from '../secret-box';
import { securityCodeEmail, securityCodeSms } from '../templates';
import { CODE_TTL_MS, newCode, normaliseCode, resendWait, type CodeChannel } from './model';
import { consumeCode, countWrongTry, insertCode, lastSentAt } from './store';

export interface CodeRequest {
  personId: string;
  channel: CodeChannel;
  purpose: string;
  /** E.164 number or e-mail address. */
  to: string;
  lang: Lang;
}

export type SendResult = { sent: true } | { sent: false; retryAfterSeconds: number };

function context(request: { personId: string; channel: CodeChannel; purpose: string }) {
  return `${request.personId}|${request.channel}|${request.purpose}`;
}

/**
 * Sends a new single-use code through the outbox, in the same transaction
 * that stores its hash (the code is never stored in clear outside the
 * message). At most one a minute per person and purpose.
 */
export async function sendCode(ctx: AppContext, request: CodeRequest): Promise<SendResult> {
  const now = ctx.clock.now();
  const { hmac } = await codeKeys(ctx.db);
  return ctx.db.transaction().execute(async (trx: Trx) => {
    // Serialises the sends of one person, so two quick clicks cannot both pass the resend check.
    await trx.selectFrom('persons').select('id').where('id', '=', request.personId).forUpdate().execute();
    const wait = resendWait(now, await lastSentAt(trx, request));
    if (wait > 0) return { sent: false as const, retryAfterSeconds: wait };
    const code = newCode();
    await insertCode(trx, { ...request, hash: hmacOf(hmac, context(request), code), at: now, expiresAt: new Date(now.getTime() + CODE_TTL_MS) });
    const params = { code, minutes: CODE_TTL_MS / 60_000 };
    if (request.channel === 'sms') await enqueueSms(trx, { to: request.to, lang: request.lang, template: securityCodeSms, params, at: now });
    else await enqueueEmail(trx, { to: request.to, lang: request.lang, template: securityCodeEmail, params, at: now });
    return { sent: true as const };
  });
}

export type CodeCheck = { ok: true } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * Uses a code: right and live, it is consumed (once, whatever the
 * concurrency); wrong, the live code loses a try; with no live code left
 * (expired, used, out of tries, never sent) the answer says to ask for a new one.
 */
export async function useCode(ctx: Pick<AppContext, 'db' | 'clock'>, which: { personId: string; channel: CodeChannel; purpose: string }, typed: string): Promise<CodeCheck> {
  const now = ctx.clock.now();
  const code = normaliseCode(typed);
  const { hmac } = await codeKeys(ctx.db);
  if (/^\d{6}$/.test(code) && (await consumeCode(ctx.db, { ...which, hash: hmacOf(hmac, context(which), code), now }))) return { ok: true };
  return (await countWrongTry(ctx.db, { ...which, now })) ? { ok: false, reason: 'invalid' } : { ok: false, reason: 'expired' };
}
