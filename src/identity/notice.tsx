import { LANGUAGES, type Lang } from '../platform/i18n/languages';
import { translator } from '../platform/i18n/translate';
import { defineEmailTemplate, type EmailContent } from '../platform/outbox';

interface Params {
  givenName: string;
  /** The new address, shown to the old one so a change the person did not make is noticed. */
  newEmail: string;
  /** dd/mm/yyyy hh:mm, Brussels time. */
  when: string;
  profileUrl: string;
}

function content(lang: Lang) {
  const t = translator(lang);
  return (p: Params): EmailContent => {
    const what = t('profile.notice.email_changed', { email: p.newEmail, when: p.when });
    return {
      subject: t('profile.notice.subject'),
      text: `${t('profile.notice.greeting', { name: p.givenName })}\n\n${what}\n\n${t('profile.notice.not_you')}\n${p.profileUrl}\n`,
      html: (
        <>
          <p>{t('profile.notice.greeting', { name: p.givenName })}</p>
          <p>{what}</p>
          <p>
            {t('profile.notice.not_you')} <a href={p.profileUrl}>{p.profileUrl}</a>
          </p>
        </>
      ),
    };
  };
}

/** Sent to the old and the new address when a person's e-mail address changes. */
export const emailChangedNotice = defineEmailTemplate<Params>(
  'profile.email_changed',
  Object.fromEntries(LANGUAGES.map((lang) => [lang, content(lang)])) as Record<Lang, (p: Params) => EmailContent>,
);
