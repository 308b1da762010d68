import { h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { PageContextProvider, type PageContext } from './page-context';

/** Renders a full HTML document. Preact escapes every text and attribute value. */
export function renderPage(page: PageContext, view: VNode): string {
  return '<!doctype html>' + renderToString(h(PageContextProvider.Provider, { value: page }, view));
}
