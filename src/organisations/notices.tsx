import { defineNotice } from '../platform/outbox/notice';
import type { MandateKind } from './model';

/*
 * The e-mails of the access-manager module, in the four languages. Each
 * carries what happened, to which enterprise, by whom, and where to act.
 */

interface Common {
  name: string;
  enterprise: string;
  /** dd/mm/yyyy hh:mm, Brussels time. */
  when: string;
  by: string;
  url: string;
}


/** To the principal access manager just designated (at the contact address given for them). */
export const principalDesignatedEmail = defineNotice<Common & { registered: boolean }>('organisations.principal_designated', 'organisations.mail.greeting', (t, p) => ({
  subject: t('organisations.mail.principal.subject', { enterprise: p.enterprise }),
  lines: [
    t(p.registered ? 'organisations.mail.principal.registered' : 'organisations.mail.principal.designated', { by: p.by, enterprise: p.enterprise, when: p.when }),
    t('organisations.mail.principal.instructions'),
  ],
}));

/** To the former principal access manager, when a legal representative designates another. */
export const principalReplacedEmail = defineNotice<Common & { successor: string }>('organisations.principal_replaced', 'organisations.mail.greeting', (t, p) => ({
  subject: t('organisations.mail.replaced.subject', { enterprise: p.enterprise }),
  lines: [t('organisations.mail.replaced.body', { by: p.by, enterprise: p.enterprise, when: p.when, successor: p.successor }), t('organisations.mail.not_expected')],
}));

/** To a person designated co-principal, access manager… */
export const mandateDesignatedEmail = defineNotice<Common & { kind: MandateKind; scope: string; validity: string }>('organisations.mandate_designated', 'organisations.mail.greeting', (t, p) => ({
  subject: t('organisations.mail.designated.subject', { enterprise: p.enterprise }),
  lines: [t('organisations.mail.designated.body', { ...p, role: t(`organisations.kind.${p.kind}`) + p.scope }), p.validity],
}));

/** To a person whose mandate was revoked. */
export const mandateRevokedEmail = defineNotice<Common & { kind: MandateKind; scope: string }>('organisations.mandate_revoked', 'organisations.mail.greeting', (t, p) => ({
  subject: t('organisations.mail.revoked.subject', { enterprise: p.enterprise }),
  lines: [t('organisations.mail.revoked.body', { ...p, role: t(`organisations.kind.${p.kind}`) + p.scope }), t('organisations.mail.not_expected')],
}));
