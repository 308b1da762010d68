import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import { startServer, type TestServer } from './server';

/**
 * The server and the browser of one test file: started together before its
 * tests (then `prepare` seeds what they need) and closed after them. Call it
 * inside the file's `describe.skipIf(!browserAvailable())`.
 */
export function browserSuite<S extends { close(): Promise<void> } = TestServer>(
  start: () => Promise<S> = startServer as unknown as () => Promise<S>,
  prepare?: (server: S) => Promise<unknown>,
) {
  const suite = {} as { server: S; browser: Browser };
  beforeAll(async () => {
    [suite.server, suite.browser] = await Promise.all([start(), launchBrowser()]);
    await prepare?.(suite.server);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
