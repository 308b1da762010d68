import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../../src/platform/testing/app';

export interface TestServer {
  /** http://localhost:PORT — localhost, not 127.0.0.1: Chromium keeps Secure cookies on http://localhost only. */
  baseUrl: string;
  /** The application's dependencies, for a test to seed data or move the clock. */
  ctx: TestApp['ctx'];
  close(): Promise<void>;
}

/**
 * The real application, as the HTTP tests build it (buildApp with every
 * route module, config from loadConfig with NODE_ENV=test and LOG_LEVEL=silent,
 * a fresh database), listening on a free port of the loopback interface for
 * a browser to use. The rate limit is raised: one browser journey makes more
 * requests a minute than a person does.
 */
export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const test = await createTestApp({ RATE_LIMIT_PER_MINUTE: '10000', ...env });
  try {
    await test.app.listen({ host: '127.0.0.1', port: 0 });
  } catch (error) {
    await test.close();
    throw error;
  }
  const { port } = test.app.server.address() as AddressInfo;
  return { baseUrl: `http://localhost:${port}`, ctx: test.ctx, close: () => test.close() };
}
