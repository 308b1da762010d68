import { defineNotice } from '../platform/outbox/notice';

/** Sent to the old and the new address when a person's e-mail address changes. */
export const emailChangedNotice = defineNotice<{
  name: string;
  /** The new address, shown to the old one so a change the person did not make is noticed. */
  newEmail: string;
  /** dd/mm/yyyy hh:mm, Brussels time. */
  when: string;
  url: string;
}>('profile.email_changed', 'profile.notice.greeting', (t, p) => ({
  subject: t('profile.notice.subject'),
  lines: [t('profile.notice.email_changed', { email: p.newEmail, when: p.when })],
  lead: t('profile.notice.not_you'),
}));
