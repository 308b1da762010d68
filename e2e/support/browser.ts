import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The system Chromium (apt-get install chromium), or another one named by CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Quiet and deterministic: no GPU, no QUIC, no background downloads or sync.
// Playwright adds --headless itself and starts every browser on a fresh,
// temporary user-data-dir that it deletes on close (it refuses --user-data-dir
// in args), so no profile leaks from one run into the next.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Whether browser tests can run here. In CI (CI set) a missing browser
 * throws, failing the test file: CI never skips browser tests silently.
 * Elsewhere the tests are skipped with a message that says why.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const why = `Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install chromium) or set CHROMIUM_PATH.`;
  if (process.env.CI) throw new Error(`Browser tests cannot run in CI. ${why}`);
  console.warn(`\n⚠  Browser tests SKIPPED. ${why}\n`);
  return false;
}

/** One browser per test file; each test opens its own context. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
}

/**
 * Collects what should never happen on a page of ours: script errors,
 * console errors (Content-Security-Policy violations among them) and
 * sub-resources that fail to load. The document's own status is left to the
 * test: a form sent back with errors answers 400 on purpose.
 */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // Failed loads are reported with their resource type by the response listener.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(`${message.text()} (${message.location().url})`);
    }
  });
  page.on('response', (response) => {
    const request = response.request();
    // Chromium asks for /favicon.ico on its own; the platform has no icon there.
    if (response.status() >= 400 && request.resourceType() !== 'document' && !request.url().endsWith('/favicon.ico')) {
      errors.push(`${response.status()} ${request.resourceType()} ${request.url()}`);
    }
  });
  return errors;
}

/** Clicks something that loads a new page (a link, a submit button) and waits until it has loaded. */
export async function navigate(page: Page, click: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), click()]);
}
