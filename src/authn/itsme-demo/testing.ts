import { createServer } from 'node:net';
import { loadDemoRegisters } from '../../registries/demo';
import { createTestApp, type TestApp } from '../../platform/testing/app';
import { startItsmeDemo } from './server';

/** Sésame and the demo itsme provider, each listening on its own real port, as `npm start` runs them. */
export interface SesameWithItsmeDemo {
  /** http://localhost:PORT of Sésame. */
  baseUrl: string;
  /** The demo provider's issuer, http://localhost:PORT. */
  demoUrl: string;
  ctx: TestApp['ctx'];
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * For tests: both ports are chosen first, because each side must know the
 * other's address before it starts (the provider registers Sésame's
 * redirect URI and JWKS URL; Sésame discovers the provider). The demo
 * registers are loaded, so the demo phone numbers name known persons.
 */
export async function startSesameWithItsmeDemo(env: Record<string, string> = {}): Promise<SesameWithItsmeDemo> {
  const [port, demoPort] = [await freePort(), await freePort()];
  const test = await createTestApp({ RATE_LIMIT_PER_MINUTE: '10000', PUBLIC_URL: `http://localhost:${port}`, ITSME_DEMO_PORT: String(demoPort), ...env });
  try {
    await loadDemoRegisters(test.ctx.db);
    await test.app.listen({ host: '127.0.0.1', port });
    const demo = await startItsmeDemo(test.ctx, test.app.log);
    return {
      baseUrl: `http://localhost:${port}`,
      demoUrl: demo.issuer,
      ctx: test.ctx,
      async close() {
        await demo.close();
        await test.close();
      },
    };
  } catch (error) {
    await test.close();
    throw error;
  }
}
