import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** A violation, reduced to what a failing assertion needs to show. */
export interface Violation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core on the page as it is and returns the WCAG 2.1 A/AA
 * violations. axe is evaluated through the DevTools protocol, which the
 * page's Content-Security-Policy does not govern, so the page's own policy
 * stays as strict as in production.
 *
 * In a context with JavaScript disabled, the page's timers never fire, and
 * axe schedules its work with them: pass `javaScript: false` to run them as
 * microtasks instead, so the page checked is still the one a person without
 * JavaScript gets.
 */
export async function axeViolations(page: Page, options: { javaScript?: boolean } = {}): Promise<Violation[]> {
  if (options.javaScript === false) {
    await page.evaluate(() => {
      const run = (callback: () => void) => {
        void Promise.resolve().then(callback);
        return 0;
      };
      Object.assign(window, { setTimeout: run, requestAnimationFrame: run, clearTimeout: () => {}, cancelAnimationFrame: () => {} });
    });
  }
  await page.evaluate(axe.source);
  const results = await page.evaluate(
    (tags) => (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    TAGS,
  );
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((node) => node.target.join(' ')),
  }));
}
