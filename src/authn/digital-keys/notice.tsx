import { defineNotice } from '../../platform/outbox/notice';
import type { KeyKindName } from './model';

export type KeyChange = 'activated' | 'replaced' | 'deactivated';

/** The e-mail notice sent on every change to a person's digital keys, so a change they did not make does not go unnoticed. */
export const keyChangeNotice = defineNotice<{
  name: string;
  kind: KeyKindName;
  change: KeyChange;
  /** dd/mm/yyyy hh:mm, Brussels time. */
  when: string;
  url: string;
}>('keys.changed', 'keys.notice.greeting', (t, p) => ({
  subject: t('keys.notice.subject'),
  lines: [t(`keys.notice.${p.change}`, { key: t(`keys.kind.${p.kind}`), when: p.when })],
  lead: t('keys.notice.not_you'),
}));

/**
 * The e-mail notice sent when the scheduled job deactivates a token card
 * unused for 12 months: nobody acted, so the person learns why the card
 * stopped working and which key to use instead.
 */
export const tokenCardUnusedNotice = defineNotice<{
  name: string;
  /** The serial printed on the card, e.g. TK-0123456789. */
  serial: string;
  months: number;
  /** dd/mm/yyyy hh:mm, Brussels time. */
  when: string;
  url: string;
}>('keys.token_card_unused', 'keys.notice.greeting', (t, p) => ({
  subject: t('keys.notice.token_unused.subject'),
  lines: [t('keys.notice.token_unused.text', { serial: p.serial, months: p.months, when: p.when }), t('keys.notice.token_unused.phased_out')],
  lead: t('keys.notice.token_unused.other_key'),
}));
