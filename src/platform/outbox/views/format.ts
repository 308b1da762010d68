import type { Lang } from '../../i18n/languages';

const LOCALES: Record<Lang, string> = { nl: 'nl-BE', fr: 'fr-BE', de: 'de-BE', en: 'en-GB' };

/** Date and time as read in Belgium (dd/mm/yyyy, 24 hours), whatever the server's time zone. */
export function formatDateTime(at: Date, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Europe/Brussels',
  }).format(at);
}
