import { describe, expect, it } from 'vitest';
import { catalogs } from './catalog';
import { LANGUAGES } from './languages';
import { negotiateLanguage } from './negotiate';

describe('message catalogs', () => {
  const keys = new Set(LANGUAGES.flatMap((lang) => Object.keys(catalogs[lang])));

  it.each(LANGUAGES)('%s has every key, none empty', (lang) => {
    const missing = [...keys].filter((key) => !catalogs[lang][key]?.trim());
    expect(missing).toEqual([]);
  });

  it.each(LANGUAGES)('%s uses the same placeholders as English', (lang) => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const mismatched = [...keys].filter(
      (key) => JSON.stringify(placeholders(catalogs[lang][key] ?? '')) !== JSON.stringify(placeholders(catalogs.en[key] ?? '')),
    );
    expect(mismatched).toEqual([]);
  });
});

describe('language negotiation', () => {
  it('prefers the language the person chose', () => {
    expect(negotiateLanguage('de', 'nl-BE,nl;q=0.9', 'fr')).toBe('de');
  });
  it('otherwise follows the browser, by quality', () => {
    expect(negotiateLanguage(undefined, 'es;q=1, en;q=0.5, nl-BE;q=0.8', 'fr')).toBe('nl');
  });
  it('ignores an unknown choice and falls back to the default', () => {
    expect(negotiateLanguage('xx', 'es, it', 'fr')).toBe('fr');
    expect(negotiateLanguage(undefined, undefined, 'nl')).toBe('nl');
  });
});
