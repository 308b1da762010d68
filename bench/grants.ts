import { availableParallelism } from 'node:os';
import { startBareClientCredentials, startBareProvider } from './bare-provider';
import { databaseName, durations, measure, type Measurement } from './measure';
import { CookieBrowser } from '../src/oidc/testing/relying-party';
import { CALLBACK, CLIENT_SECRET, codeFlow, sesameBrowser, startSesame, tokenRequest, type OidcServer } from './oidc-flow';

export interface GrantsResult {
  concurrency: number;
  refresh: Measurement;
  clientCredentials: Measurement;
  /** The same client-credentials grant on a bare oidc-provider in memory, in the same run. */
  bareClientCredentials: Measurement;
  /** The same refresh grant (with rotation and an ID token) on a bare oidc-provider in memory: what the library alone does per core. */
  bareRefresh: Measurement;
}

const RP = 'bench-rp';

/**
 * One refresh-token chain per worker (a rotated token is spent, and
 * presenting it twice would revoke the grant), started by code flows of a
 * browser that has a session; returns one refresh grant on the next free chain.
 */
async function refreshChains(server: OidcServer, browser: CookieBrowser, count: number): Promise<() => Promise<void>> {
  const chains: string[] = [];
  for (let i = 0; i < count; i++) chains.push((await codeFlow(server, browser, RP, 'openid profile email')).refresh_token!);
  const idle = chains.map((_, i) => i);
  return async () => {
    const chain = idle.pop()!;
    try {
      const tokens = await tokenRequest(server, RP, { grant_type: 'refresh_token', refresh_token: chains[chain]! });
      if (!tokens.refresh_token || !tokens.access_token) throw new Error('no rotated refresh token');
      chains[chain] = tokens.refresh_token;
    } finally {
      idle.push(chain);
    }
  };
}
const MACHINE = 'bench-machine';

/**
 * Refresh-token grants (with rotation: each answer carries the next refresh
 * token) and client-credentials grants through Sésame's token endpoint over
 * real HTTP, on the PostgreSQL of DATABASE_URL (a fresh database, as the
 * tests make), and both on a bare oidc-provider in memory. Enough requests in flight to keep a core busy; the rate per
 * core divides by the CPU time actually spent (this process, which also
 * runs the HTTP clients, plus the PostgreSQL server's processes).
 */
export async function benchGrants(): Promise<GrantsResult> {
  if (!process.env.DATABASE_URL) throw new Error('the grants benchmark runs on PostgreSQL: set DATABASE_URL');
  const concurrency = 8 * availableParallelism();
  const { t, server } = await startSesame([
    { client_id: RP, redirect_uris: [CALLBACK], grant_types: ['authorization_code', 'refresh_token'], scope: 'openid profile email', secret: CLIENT_SECRET },
    { client_id: MACHINE, grant_types: ['client_credentials'], scope: 'api', secret: CLIENT_SECRET },
  ]);
  try {
    const database = await databaseName(t.ctx.db);
    const refresh = await measure(await refreshChains(server, await sesameBrowser(t), concurrency), { concurrency, database, ...durations() });

    const clientCredentials = await measure(async () => {
      const tokens = await tokenRequest(server, MACHINE, { grant_type: 'client_credentials', scope: 'api' });
      if (!tokens.access_token) throw new Error('no access token');
    }, { concurrency, database, ...durations() });
    const bare = await startBareClientCredentials(MACHINE);
    const bareRp = await startBareProvider(RP, 'openid profile email', { refreshTokens: true });
    try {
      const bareClientCredentials = await measure(async () => {
        const tokens = await tokenRequest(bare.server, MACHINE, { grant_type: 'client_credentials', scope: 'api' });
        if (!tokens.access_token) throw new Error('no access token');
      }, { concurrency, ...durations() });
      const bareRefresh = await measure(await refreshChains(bareRp.server, new CookieBrowser(), concurrency), { concurrency, ...durations() });
      return { concurrency, refresh, clientCredentials, bareClientCredentials, bareRefresh };
    } finally {
      await bare.close();
      await bareRp.close();
    }
  } finally {
    await t.close();
  }
}
