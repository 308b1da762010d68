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
