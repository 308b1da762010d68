import type { AppContext } from '../../../platform/context';
import { InputError } from '../../../platform/errors';
import { addKey } from '../../digital-keys/service';
import type { Session } from '../../session';
import { codeKeys, decrypt, encrypt } from '../secret-box';
import { isTotpSecret, matchTotp, type TotpMatch } from './model';
import { advanceStep, findTotpOf, insertTotp } from './store';

export { newTotpSecret, otpauthUri, totpCodeAt } from './model';

/**
 * Ends the enrolment of a mobile app: the first code it shows proves the
 * secret reached it, then the key is added (replacing an earlier app) with
 * the secret sealed and that code's step already used.
 */
export async function activateTotp(ctx: AppContext, session: Session, input: { secret: string; code: string }, requestId?: string): Promise<string> {
  if (!isTotpSecret(input.secret)) throw new InputError('code', 'codes.enrolment_expired');
  const match = matchTotp(input.secret, input.code, ctx.clock.now(), null);
  if (!match.ok) throw new InputError('code', 'codes.invalid');
  const { encryption } = await codeKeys(ctx.db);
  return ctx.db.transaction().execute(async (trx) => {
    const keyId = await addKey(trx, ctx, session, 'totp', null, requestId);
    await insertTotp(trx, { keyId, sealedSecret: encrypt(encryption, input.secret), lastStep: match.step });
    return keyId;
  });
}

export type CodeMatch = { ok: true; keyId: string } | { ok: false; reason: 'invalid' | 'replayed' | 'no_key' };

/** Checks a code from the person's app; an accepted step can never be used again. */
export async function verifyTotp(ctx: Pick<AppContext, 'db' | 'clock'>, personId: string, code: string): Promise<CodeMatch> {
  const credential = await findTotpOf(ctx.db, personId);
  if (!credential) return { ok: false, reason: 'no_key' };
  const { encryption } = await codeKeys(ctx.db);
  const match: TotpMatch = matchTotp(decrypt(encryption, credential.sealedSecret), code, ctx.clock.now(), credential.lastStep);
  if (!match.ok) return match;
  if (!(await advanceStep(ctx.db, credential.keyId, match.step))) return { ok: false, reason: 'replayed' };
  return { ok: true, keyId: credential.keyId };
}

/** Whether the person has an active TOTP key. */
export async function hasTotp(ctx: Pick<AppContext, 'db'>, personId: string): Promise<boolean> {
  return Boolean(await findTotpOf(ctx.db, personId));
}
