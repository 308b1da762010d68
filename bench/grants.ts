import { availableParallelism } from 'node:os';
import { startBareClientCredentials } from './bare-provider';
import { databaseName, durations, measure, type Measurement } from './measure';
import { CALLBACK, CLIENT_SECRET, codeFlow, sesameBrowser, startSesame, tokenRequest } from './oidc-flow';

export interface GrantsResult {
  concurrency: number;
  refresh: Measurement;
  clientCredentials: Measurement;
  /** The same client-credentials grant on a bare oidc-provider in memory, in the same run. */
  bareClientCredentials: Measurement;
}

const RP = 'bench-rp';
const MACHINE = 'bench-machine';

/**
 * Refresh-token grants (with rotation: each answer carries the next refresh
 * token) and client-credentials grants through Sésame's token endpoint over
 * real HTTP, on the PostgreSQL of DATABASE_URL (a fresh database, as the
 * tests make). Enough requests in flight to keep a core busy; the rate per
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
    // One refresh-token chain per worker: a rotated token is spent, and presenting it twice would revoke the grant.
    const chains: string[] = [];
    const browser = await sesameBrowser(t);
    for (let i = 0; i < concurrency; i++) chains.push((await codeFlow(server, browser, RP, 'openid profile email')).refresh_token!);
    const database = await databaseName(t.ctx.db);
    const idle = chains.map((_, i) => i);
    const refresh = await measure(async () => {
      const chain = idle.pop()!;
      try {
        const tokens = await tokenRequest(server, RP, { grant_type: 'refresh_token', refresh_token: chains[chain]! });
        if (!tokens.refresh_token || !tokens.access_token) throw new Error('no rotated refresh token');
        chains[chain] = tokens.refresh_token;
      } finally {
        idle.push(chain);
      }
    }, { concurrency, database, ...durations() });

    const clientCredentials = await measure(async () => {
      const tokens = await tokenRequest(server, MACHINE, { grant_type: 'client_credentials', scope: 'api' });
      if (!tokens.access_token) throw new Error('no access token');
    }, { concurrency, database, ...durations() });
    const bare = await startBareClientCredentials(MACHINE);
    try {
      const bareClientCredentials = await measure(async () => {
        const tokens = await tokenRequest(bare.server, MACHINE, { grant_type: 'client_credentials', scope: 'api' });
        if (!tokens.access_token) throw new Error('no access token');
      }, { concurrency, ...durations() });
      return { concurrency, refresh, clientCredentials, bareClientCredentials };
    } finally {
      await bare.close();
    }
  } finally {
    await t.close();
  }
}
