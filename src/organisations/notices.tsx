import { translator } from '../platform/i18n/translate';
import { LANGUAGES, type Lang } from '../platform/i18n/languages';
import { defineEmailTemplate, type EmailContent } from '../platform/outbox';
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

function template<P extends Common>(name: string, body: (t: ReturnType<typeof translator>, p: P) => { subject: string; lines: string[] }) {
  const content = (lang: Lang) => {
    const t = translator(lang);
    return (p: P): EmailContent => {
      const { subject, lines } = body(t, p);
      const greeting = t('organisations.mail.greeting', { name: p.name });
      return {
        subject,
        text: `${greeting}\n\n${lines.join('\n\n')}\n\n${p.url}\n`,
        html: (
          <>
            <p>{greeting}</p>
            {lines.map((line) => (
              <p>{line}</p>
            ))}
            <p>
              <a href={p.url}>{p.url}</a>
            </p>
          </>
        ),
      };
    };
  };
  return defineEmailTemplate<P>(name, Object.fromEntries(LANGUAGES.map((lang) => [lang, content(lang)])) as Record<Lang, (p: P) => EmailContent>);
}

/** To the principal access manager just designated (at the contact address given for them). */
export const principalDesignatedEmail = template<Common & { registered: boolean }>('organisations.principal_designated', (t, p) => ({
  subject: t('organisations.mail.principal.subject', { enterprise: p.enterprise }),
  lines: [
    t(p.registered ? 'organisations.mail.principal.registered' : 'organisations.mail.principal.designated', { by: p.by, enterprise: p.enterprise, when: p.when }),
    t('organisations.mail.principal.instructions'),
  ],
}));

/** To the former principal access manager, when a legal representative designates another. */
export const principalReplacedEmail = template<Common & { successor: string }>('organisations.principal_replaced', (t, p) => ({
  subject: t('organisations.mail.replaced.subject', { enterprise: p.enterprise }),
  lines: [t('organisations.mail.replaced.body', { by: p.by, enterprise: p.enterprise, when: p.when, successor: p.successor }), t('organisations.mail.not_expected')],
}));

/** To a person designated co-principal, access manager… */
export const mandateDesignatedEmail = template<Common & { kind: MandateKind; scope: string; validity: string }>('organisations.mandate_designated', (t, p) => ({
  subject: t('organisations.mail.designated.subject', { enterprise: p.enterprise }),
  lines: [t('organisations.mail.designated.body', { ...p, role: t(`organisations.kind.${p.kind}`) + p.scope }), p.validity],
}));

/** To a person whose mandate was revoked. */
export const mandateRevokedEmail = template<Common & { kind: MandateKind; scope: string }>('organisations.mandate_revoked', (t, p) => ({
  subject: t('organisations.mail.revoked.subject', { enterprise: p.enterprise }),
  lines: [t('organisations.mail.revoked.body', { ...p, role: t(`organisations.kind.${p.kind}`) + p.scope }), t('organisations.mail.not_expected')],
}));
