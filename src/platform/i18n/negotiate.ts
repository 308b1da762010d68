import { LANGUAGES, isLang, type Lang } from './languages';

/**
 * The language of a request: the one the person chose (cookie), else the
 * best match of the browser's Accept-Language, else the platform default.
 */
export function negotiateLanguage(chosen: string | undefined, acceptLanguage: string | undefined, fallback: Lang): Lang {
  if (isLang(chosen)) return chosen;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.q > 0 && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.find((entry) => (LANGUAGES as readonly string[]).includes(entry.lang))?.lang as Lang | undefined ?? fallback;
}
