import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Lang } from '../i18n/languages';
import type { Translate } from '../i18n/translate';

/** What every view may need from the request it answers. */
export interface PageContext {
  lang: Lang;
  t: Translate;
  /** The CSRF token every form carries in its `_csrf` field. */
  csrfToken: string;
  /** Path and query of the current request, for the language switcher and self-links. */
  url: string;
  devTools: boolean;
  /** The identified person, if any: the header shows their name and a logout button. */
  viewer?: { name: string };
}

export const PageContextProvider = createContext<PageContext | null>(null);

export function usePage(): PageContext {
  const page = useContext(PageContextProvider);
  if (!page) throw new Error('A view was rendered outside renderPage()');
  return page;
}
