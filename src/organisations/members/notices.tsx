import type { Translate } from '../../platform/i18n/translate';
import { defineNotice } from '../../platform/outbox/notice';

interface Params {
  name: string;
  enterprise: string;
  /** The unit's name, '' for the enterprise as a whole. */
  unit: string;
  /** dd/mm/yyyy, Brussels. */
  when: string;
  url: string;
}

const where = (t: Translate, p: Params) => (p.unit ? t('members.mail.in_unit', { enterprise: p.enterprise, unit: p.unit }) : p.enterprise);

/** To a person added to an enterprise, at their work address. */
export const membershipAddedEmail = defineNotice<Params>('members.membership_added', 'organisations.mail.greeting', (t, p) => ({
  subject: t('members.mail.added.subject', { enterprise: p.enterprise }),
  lines: [t('members.mail.added.body', { where: where(t, p), when: p.when }), t('organisations.mail.not_expected')],
}));

/** To a person whose membership ended, by a manager or because its end date passed. */
export const membershipEndedEmail = defineNotice<Params & { automatic: boolean }>('members.membership_ended', 'organisations.mail.greeting', (t, p) => ({
  subject: t('members.mail.ended.subject', { enterprise: p.enterprise }),
  lines: [t(p.automatic ? 'members.mail.ended.automatic' : 'members.mail.ended.body', { where: where(t, p), when: p.when }), t('members.mail.ended.rights')],
}));
