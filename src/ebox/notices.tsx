import { defineNotice } from '../platform/outbox/notice';

/** To the address being activated: the link that confirms it. */
export const activationEmail = defineNotice<{ name: string; url: string }>('ebox.activation', 'ebox.mail.greeting', (t) => ({
  subject: t('ebox.mail.activation.subject'),
  lines: [t('ebox.mail.activation.body')],
  lead: t('ebox.mail.activation.lead'),
}));

/**
 * A new document: who sent it, never what it says (an e-mail is not the
 * place for an official document); the link needs an identification.
 */
export const documentNotice = defineNotice<{ name: string; url: string; sender: string }>('ebox.document', 'ebox.mail.greeting', (t, p) => ({
  subject: t('ebox.mail.document.subject'),
  lines: [t('ebox.mail.document.body', { sender: p.sender })],
  lead: t('ebox.mail.document.lead'),
}));
