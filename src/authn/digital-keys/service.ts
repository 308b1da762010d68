import type { Session } from '../session';
import { personById } from '../../identity/service';
import { recordAudit } from '../../platform/audit/audit';
import type { AppContext } from '../../platform/context';
import type { Trx } from '../../platform/db/database';
import { ForbiddenError, NotFoundError } from '../../platform/errors';
import { enqueueEmail } from '../../platform/outbox';
import { mayActivate, type KeyKindName } from './model';
import { keyChangeNotice, type KeyChange } from './notice';
import { deactivateKeys, insertKey, listKeysOf, type DigitalKey } from './store';

export type { DigitalKey } from './store';
export { markKeyUsed } from './store';

const brussels = new Intl.DateTimeFormat('fr-BE', { timeZone: 'Europe/Brussels', dateStyle: 'short', timeStyle: 'short' });

export async function keysOf(ctx: Pick<AppContext, 'db'>, personId: string): Promise<DigitalKey[]> {
  return listKeysOf(ctx.db, personId);
}

/** Audits a change to a person's keys and e-mails them a notice (when they gave an address), in the caller's transaction. */
async function recordKeyChange(trx: Trx, ctx: AppContext, session: Session, kind: KeyKindName, change: KeyChange, keyId: string, requestId?: string) {
  const now = ctx.clock.now();
  const person = await personById({ db: trx }, session.personId);
  if (person?.email) {
    await enqueueEmail(trx, {
      to: person.email,
      lang: person.language ?? ctx.config.defaultLanguage,
      template: keyChangeNotice,
      params: { name: person.givenName, kind, change, when: brussels.format(now), url: `${ctx.config.publicUrl}/keys` },
      at: now,
    });
  }
  await recordAudit(trx, now, { actor: `person:${session.nrn}`, action: `key.${change}`, target: `person:${session.nrn}`, details: { kind, keyId }, requestId });
}

/**
 * Adds an active key of a kind to the session's person, inside the caller's
 * transaction (which also stores the key's secret material). A live key of
 * the same kind is replaced, except passkeys, of which a person may have several.
 */
export async function addKey(trx: Trx, ctx: AppContext, session: Session, kind: KeyKindName, label: string | null, requestId?: string): Promise<string> {
  if (!mayActivate(session.loa, kind)) throw new ForbiddenError('keys.level_too_low');
  const now = ctx.clock.now();
  const replaced = kind === 'passkey' ? [] : await deactivateKeys(trx, session.personId, now, { kind });
  const id = await insertKey(trx, { personId: session.personId, kind, status: 'active', label, at: now });
  await recordKeyChange(trx, ctx, session, kind, replaced.length > 0 ? 'replaced' : 'activated', id, requestId);
  return id;
}

/** Deactivates one of the session's person's keys. */
export async function deactivateKey(ctx: AppContext, session: Session, keyId: string, requestId?: string): Promise<void> {
  const key = (await listKeysOf(ctx.db, session.personId)).find((k) => k.id === keyId && k.status !== 'deactivated');
  if (!key) throw new NotFoundError();
  await ctx.db.transaction().execute(async (trx) => {
    const done = await deactivateKeys(trx, session.personId, ctx.clock.now(), { id: keyId });
    if (done.length === 0) throw new NotFoundError();
    await recordKeyChange(trx, ctx, session, key.kind, 'deactivated', keyId, requestId);
  });
}
