import { defineNotice } from '../platform/outbox/notice';

/*
 * The e-mails of role management, as the guide sends them: to the person
 * when a request is received, granted, rejected or changed; to the managers
 * when a request waits for them; to the deciding manager as confirmation.
 */

interface Common {
  name: string;
  /** The role's name in the recipient's language. */
  role: string;
  /** "Name (0723.641.873)". */
  enterprise: string;
  url: string;
}

interface Period {
  /** dd/mm/yyyy. */
  from: string;
  /** dd/mm/yyyy or "Illimité" in the recipient's language. */
  until: string;
}

export const requestReceivedEmail = defineNotice<Common>('access.request_received', 'access.mail.greeting', (t, p) => ({
  subject: t('access.mail.received.subject', { role: p.role }),
  lines: [t('access.mail.received.body', { role: p.role, enterprise: p.enterprise })],
}));

export const taskWaitingEmail = defineNotice<Common & { person: string }>('access.task_waiting', 'access.mail.greeting', (t, p) => ({
  subject: t('access.mail.task.subject'),
  lines: [t('access.mail.task.body', { person: p.person, role: p.role, enterprise: p.enterprise })],
}));

export const grantedEmail = defineNotice<Common & Period & { description: string; scheduled: boolean }>('access.granted', 'access.mail.greeting', (t, p) => ({
  subject: t('access.mail.granted.subject', { role: p.role }),
  lines: [t(p.scheduled ? 'access.mail.scheduled.body' : 'access.mail.granted.body', { role: p.role, enterprise: p.enterprise, description: p.description, from: p.from, until: p.until })],
}));

export const decisionConfirmedEmail = defineNotice<Common & { person: string }>('access.decision_confirmed', 'access.mail.greeting', (t, p) => ({
  subject: t('access.mail.confirmed.subject', { role: p.role, person: p.person }),
  lines: [t('access.mail.confirmed.body', { role: p.role, person: p.person, enterprise: p.enterprise })],
}));

export const rejectedEmail = defineNotice<Common & { reason: string }>('access.rejected', 'access.mail.greeting', (t, p) => ({
  subject: t('access.mail.rejected.subject', { role: p.role }),
  lines: [t('access.mail.rejected.body', { role: p.role, enterprise: p.enterprise, reason: p.reason })],
}));

export type ChangeNotice = 'stop' | 'deactivate' | 'reactivate' | 'restart' | 'change_validity' | 'expired';

/** As the guide's e-mail: what changed, then the role, its validity, the enterprise and who approved (none when automatic). */
export const changedEmail = defineNotice<Common & Partial<Period> & { change: ChangeNotice; approver?: string }>('access.changed', 'access.mail.greeting', (t, p) => ({
  subject: t('access.mail.changed.subject', { role: p.role }),
  lines: [
    t(`access.mail.changed.${p.change}`, { role: p.role, enterprise: p.enterprise, from: p.from ?? '', until: p.until ?? '' }),
    t('access.mail.detail.role', { role: p.role }),
    ...(p.from && p.until ? [t('access.mail.detail.period', { from: p.from, until: p.until })] : []),
    t('access.mail.detail.enterprise', { enterprise: p.enterprise }),
    ...(p.approver ? [t('access.mail.detail.approver', { approver: p.approver })] : []),
  ],
}));
