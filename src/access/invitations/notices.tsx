import { defineNotice } from '../../platform/outbox/notice';

/**
 * To each person listed in an invitation, as the guide's e-mail: "Vous êtes
 * invité à accepter un rôle dans une application eGov… S'identifier", with
 * who invites, for which roles, until when, the personal message, and the link.
 */
export const invitationEmail = defineNotice<{ name: string; url: string; inviter: string; roles: string; expires: string; message: string }>(
  'access.invitation',
  'access.invitations.mail.greeting',
  (t, p) => ({
    subject: t('access.invitations.mail.subject'),
    lines: [
      t('access.invitations.mail.invited'),
      t('access.invitations.mail.details', { inviter: p.inviter, roles: p.roles, expires: p.expires }),
      ...(p.message ? [t('access.invitations.mail.message', { message: p.message })] : []),
      t('access.invitations.mail.instructions'),
    ],
    lead: t('access.invitations.mail.identify'),
  }),
);
