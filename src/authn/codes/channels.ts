import { personById } from '../../identity/service';
import type { AppContext } from '../../platform/context';
import { ForbiddenError, InputError } from '../../platform/errors';
import type { Lang } from '../../platform/i18n/languages';
import { addKey } from '../digital-keys/service';
import { mayActivate } from '../digital-keys/model';
import type { Session } from '../session';
import { findDestinationOf, insertDestination } from './destinations';
import { activationPurpose, loginPurpose, maskEmail, maskPhone, normalisePhone, type CodeChannel } from './one-time/model';
import { sendCode, useCode, type SendResult } from './one-time/service';

/**
 * Security codes by SMS and e-mail: activating a key (the number or the
 * person's address proven with a code sent there) and sending the login code.
 */

async function languageOf(ctx: AppContext, personId: string): Promise<Lang> {
  return (await personById(ctx, personId))?.language ?? ctx.config.defaultLanguage;
}

/** The destination an activation would prove: the typed number for SMS, the profile's address for e-mail. */
export async function activationDestination(ctx: AppContext, session: Session, channel: CodeChannel, typedPhone?: string): Promise<string> {
  if (channel === 'sms') {
    const phone = normalisePhone(typedPhone ?? '');
    if (!phone) throw new InputError('phone', 'codes.phone_format');
    return phone;
  }
  const email = (await personById(ctx, session.personId))?.email;
  if (!email) throw new InputError('_form', 'codes.email_missing');
  return email.toLowerCase();
}

/** Sends the code that proves a destination, first step of activating an SMS or e-mail key. */
export async function sendActivationCode(ctx: AppContext, session: Session, channel: CodeChannel, destination: string): Promise<SendResult> {
  if (!mayActivate(session.loa, channel)) throw new ForbiddenError('keys.level_too_low');
  return sendCode(ctx, { personId: session.personId, channel, purpose: activationPurpose(channel, destination), to: destination, lang: await languageOf(ctx, session.personId) });
}

/** Activates the key once the code sent to the destination comes back. */
export async function confirmActivation(ctx: AppContext, session: Session, channel: CodeChannel, destination: string, code: string, requestId?: string): Promise<string> {
  const check = await useCode(ctx, { personId: session.personId, channel, purpose: activationPurpose(channel, destination) }, code);
  if (!check.ok) throw new InputError('code', check.reason === 'expired' ? 'codes.expired' : 'codes.invalid');
  const label = channel === 'sms' ? maskPhone(destination) : maskEmail(destination);
  return ctx.db.transaction().execute(async (trx) => {
    const keyId = await addKey(trx, ctx, session, channel, label, requestId);
    await insertDestination(trx, { keyId, channel, destination });
    return keyId;
  });
}

/** The person's SMS or e-mail key, with its destination masked for the page. */
export async function codeKeyOf(ctx: Pick<AppContext, 'db'>, personId: string, channel: CodeChannel) {
  const found = await findDestinationOf(ctx.db, personId, channel);
  return found && { keyId: found.keyId, masked: channel === 'sms' ? maskPhone(found.destination) : maskEmail(found.destination) };
}

/** Sends a login code to the person's key of the channel (at most one a minute). */
export async function sendLoginCode(ctx: AppContext, personId: string, channel: CodeChannel): Promise<SendResult> {
  const found = await findDestinationOf(ctx.db, personId, channel);
  if (!found) throw new ForbiddenError('codes.not_activated');
  return sendCode(ctx, { personId, channel, purpose: loginPurpose(), to: found.destination, lang: await languageOf(ctx, personId) });
}

/** Uses a login code; on success returns the key it belongs to. */
export async function useLoginCode(ctx: AppContext, personId: string, channel: CodeChannel, code: string) {
  const found = await findDestinationOf(ctx.db, personId, channel);
  if (!found) return { ok: false as const, reason: 'no_key' as const };
  const check = await useCode(ctx, { personId, channel, purpose: loginPurpose() }, code);
  return check.ok ? { ok: true as const, keyId: found.keyId } : check;
}
