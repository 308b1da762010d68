import { translator } from '../../platform/i18n/translate';
import { LANGUAGES, type Lang } from '../../platform/i18n/languages';
import { defineEmailTemplate, type EmailContent } from '../../platform/outbox';
import type { KeyKindName } from './model';

export type KeyChange = 'activated' | 'replaced' | 'deactivated';

interface Params {
  givenName: string;
  kind: KeyKindName;
  change: KeyChange;
  /** dd/mm/yyyy hh:mm, Brussels time. */
  when: string;
  keysUrl: string;
}

function content(lang: Lang) {
  const t = translator(lang);
  return (p: Params): EmailContent => {
    const what = t(`keys.notice.${p.change}`, { key: t(`keys.kind.${p.kind}`), when: p.when });
    return {
      subject: t('keys.notice.subject'),
      text: `${t('keys.notice.greeting', { name: p.givenName })}\n\n${what}\n\n${t('keys.notice.not_you')}\n${p.keysUrl}\n`,
      html: (
        <>
          <p>{t('keys.notice.greeting', { name: p.givenName })}</p>
          <p>{what}</p>
          <p>
            {t('keys.notice.not_you')} <a href={p.keysUrl}>{p.keysUrl}</a>
          </p>
        </>
      ),
    };
  };
}

/** The e-mail notice sent on every change to a person's digital keys, so a change they did not make does not go unnoticed. */
export const keyChangeNotice = defineEmailTemplate<Params>(
  'keys.changed',
  Object.fromEntries(LANGUAGES.map((lang) => [lang, content(lang)])) as Record<Lang, (p: Params) => EmailContent>,
);
