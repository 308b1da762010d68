import type { FastifyInstance } from 'fastify';
import { buildMonEspace } from '../../src/mon-espace/app';
import { relyingParty } from '../../src/mon-espace/oidc';
import { MON_ESPACE } from '../../src/mon-espace/server';
import { openStore } from '../../src/mon-espace/store';
import { saveClient } from '../../src/oidc/clients';
import { freePort } from '../../src/oidc/testing/relying-party';
import { createTestApp, type TestApp } from '../../src/platform/testing/app';
import { loadDemoRegisters } from '../../src/registries/demo';
import type { TestServer } from './server';

/**
 * The platform and the demo application Mon Espace, each on its own port of
 * localhost, Mon Espace registered as a client of the platform; `seed`
 * gives the persons their roles before the platform listens.
 */
export async function startWithMonEspace(seed: (test: TestApp) => Promise<unknown>): Promise<TestServer & { monEspaceUrl: string }> {
  const [port, rpPort] = [await freePort(), await freePort()];
  const baseUrl = `http://localhost:${port}`;
  const monEspaceUrl = `http://localhost:${rpPort}`;
  const test = await createTestApp({ PUBLIC_URL: baseUrl, RATE_LIMIT_PER_MINUTE: '10000' });
  test.ctx.clock.set(new Date());
  await loadDemoRegisters(test.ctx.db);
  await seed(test);
  await test.app.listen({ host: '127.0.0.1', port });
  await saveClient(
    test.ctx,
    { client_id: MON_ESPACE.clientId, secret: MON_ESPACE.clientSecret, redirect_uris: [`${monEspaceUrl}/callback`], post_logout_redirect_uris: [`${monEspaceUrl}/`], backchannel_logout_uri: `${monEspaceUrl}/backchannel-logout`, scope: MON_ESPACE.scope },
    'cli',
  );
  const db = await openStore({ memory: true });
  const rp = relyingParty({ issuer: baseUrl, clientId: MON_ESPACE.clientId, clientSecret: MON_ESPACE.clientSecret, publicUrl: monEspaceUrl, scope: MON_ESPACE.scope });
  const monEspace: FastifyInstance = await buildMonEspace({ rp, db, cookieSecret: 'a-test-cookie-secret-for-mon-espace', secure: false });
  await monEspace.listen({ host: '127.0.0.1', port: rpPort });
  return {
    baseUrl,
    monEspaceUrl,
    ctx: test.ctx,
    async close() {
      await monEspace.close();
      await db.destroy();
      await test.close();
    },
  };
}
