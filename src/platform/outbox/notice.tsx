import type { MessageKey } from '../i18n/catalog';
import { LANGUAGES, type Lang } from '../i18n/languages';
import { translator, type Translate } from '../i18n/translate';
import { defineEmailTemplate, type EmailContent, type EmailTemplate } from './templates';

/**
 * An e-mail notice in the four languages, from message keys: a greeting to
 * the person, a few paragraphs saying what happened, and the link where to
 * act, introduced by `lead` when there is one ("If you did not make this change…").
 */
export function defineNotice<P extends { name: string; url: string }>(
  name: string,
  greeting: MessageKey,
  body: (t: Translate, p: P) => { subject: string; lines: string[]; lead?: string },
): EmailTemplate<P> {
  const content = (lang: Lang) => {
    const t = translator(lang);
    return (p: P): EmailContent => {
      const { subject, lines, lead } = body(t, p);
      const hello = t(greeting, { name: p.name });
      return {
        subject,
        text: `${hello}\n\n${lines.join('\n\n')}\n\n${lead ? `${lead}\n` : ''}${p.url}\n`,
        html: (
          <>
            <p>{hello}</p>
            {lines.map((line) => (
              <p>{line}</p>
            ))}
            <p>
              {lead ? `${lead} ` : null}
              <a href={p.url}>{p.url}</a>
            </p>
          </>
        ),
      };
    };
  };
  return defineEmailTemplate<P>(name, Object.fromEntries(LANGUAGES.map((lang) => [lang, content(lang)])) as Record<Lang, (p: P) => EmailContent>);
}
