import { translator } from '../../platform/i18n/translate';
import { LANGUAGES, type Lang } from '../../platform/i18n/languages';
import { defineEmailTemplate, type EmailContent } from '../../platform/outbox';

interface Params {
  name: string;
  enterprise: string;
  /** The unit's name, '' for the enterprise as a whole. */
  unit: string;
  /** dd/mm/yyyy, Brussels. */
  when: string;
  url: string;
}

function template<P extends Params>(name: string, body: (t: ReturnType<typeof translator>, p: P) => { subject: string; lines: string[] }) {
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

const where = (t: ReturnType<typeof translator>, p: Params) => (p.unit ? t('members.mail.in_unit', { enterprise: p.enterprise, unit: p.unit }) : p.enterprise);

/** To a person added to an enterprise, at their work address. */
export const membershipAddedEmail = template<Params>('members.membership_added', (t, p) => ({
  subject: t('members.mail.added.subject', { enterprise: p.enterprise }),
  lines: [t('members.mail.added.body', { where: where(t, p), when: p.when }), t('organisations.mail.not_expected')],
}));

/** To a person whose membership ended, by a manager or because its end date passed. */
export const membershipEndedEmail = template<Params & { automatic: boolean }>('members.membership_ended', (t, p) => ({
  subject: t('members.mail.ended.subject', { enterprise: p.enterprise }),
  lines: [t(p.automatic ? 'members.mail.ended.automatic' : 'members.mail.ended.body', { where: where(t, p), when: p.when }), t('members.mail.ended.rights')],
}));
