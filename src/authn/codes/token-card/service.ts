import { timingSafeEqual } from 'node:crypto';
import { personById } from '../../../identity/service';
import { recordAudit } from '../../../platform/audit/audit';
import type { AppContext } from '../../../platform/context';
import { ForbiddenError } from '../../../platform/errors';
import { enqueueEmail } from '../../../platform/outbox';
import { tokenCardUnusedNotice } from '../../digital-keys/notice';
import { addKey } from '../../digital-keys/service';
import type { Session } from '../../session';
import { codeKeys, hmacOf } from '../secret-box';
import { newCard, TOKEN_CARD_UNUSED_MONTHS, unusedSince, type PrintedCard } from './model';
import { deactivateCardsUnusedSince, findCardOf, insertCard } from './store';

export { randomPosition, isPosition, TOKEN_CARD_POSITIONS } from './model';

const brussels = new Intl.DateTimeFormat('fr-BE', { timeZone: 'Europe/Brussels', dateStyle: 'short', timeStyle: 'short' });

function context(serial: string, position: string) {
  return `token:${serial}:${position}`;
}

/**
 * Issues a card to the session's person (replacing an earlier one), only
 * when TOKEN_CARDS_ENABLED: the key is being phased out. The printed codes
 * are returned once, to show; only their hashes are kept.
 */
export async function issueTokenCard(ctx: AppContext, session: Session, requestId?: string): Promise<PrintedCard> {
  if (!ctx.config.tokenCardsEnabled) throw new ForbiddenError('codes.token.disabled');
  const card = newCard();
  const { hmac } = await codeKeys(ctx.db);
  const hashes = Object.fromEntries(Object.entries(card.codes).map(([position, code]) => [position, hmacOf(hmac, context(card.serial, position), code)]));
  await ctx.db.transaction().execute(async (trx) => {
    const keyId = await addKey(trx, ctx, session, 'token_card', card.serial, requestId);
    await insertCard(trx, { keyId, serial: card.serial, hashes });
  });
  return card;
}

export async function hasTokenCard(ctx: Pick<AppContext, 'db'>, personId: string): Promise<boolean> {
  return Boolean(await findCardOf(ctx.db, personId));
}

/** Checks the code typed for the position the login asked for. */
export async function verifyTokenCode(ctx: Pick<AppContext, 'db'>, personId: string, position: number, typed: string) {
  const card = await findCardOf(ctx.db, personId);
  if (!card) return { ok: false as const, reason: 'no_key' as const };
  const expected = card.hashes[String(position)];
  const { hmac } = await codeKeys(ctx.db);
  const given = hmacOf(hmac, context(card.serial, String(position)), typed.replace(/\s/g, ''));
  const ok = expected !== undefined && expected.length === given.length && timingSafeEqual(Buffer.from(expected), Buffer.from(given));
  return ok ? { ok: true as const, keyId: card.keyId } : { ok: false as const, reason: 'invalid' as const };
}

/**
 * The scheduled job: deactivates every token card unused for 12 months,
 * audits each one and e-mails the person a notice (when they gave an
 * address), in their language and in the same transaction. Safe to run on
 * several nodes at once.
 */
export async function deactivateUnusedTokenCards(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const cards = await deactivateCardsUnusedSince(trx, unusedSince(now), now);
    for (const card of cards) {
      const person = await personById({ db: trx }, card.person_id);
      if (person?.email) {
        await enqueueEmail(trx, {
          to: person.email,
          lang: person.language ?? ctx.config.defaultLanguage,
          template: tokenCardUnusedNotice,
          params: { name: person.givenName, serial: card.serial, months: TOKEN_CARD_UNUSED_MONTHS, when: brussels.format(now), url: `${ctx.config.publicUrl}/keys` },
          at: now,
        });
      }
      await recordAudit(trx, now, {
        actor: 'automatic',
        action: 'key.deactivated',
        target: person ? `person:${person.nrn}` : null,
        details: { kind: 'token_card', keyId: card.id, serial: card.serial, reason: 'unused_12_months', notified: Boolean(person?.email) },
      });
    }
    return cards.length;
  });
}

/** The serial of the person's card, printed on it, so they take the right card. */
export async function tokenCardSerial(ctx: Pick<AppContext, 'db'>, personId: string): Promise<string | undefined> {
  return (await findCardOf(ctx.db, personId))?.serial;
}
