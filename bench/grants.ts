import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { CookieBrowser } from '../src/oidc/testing/relying-party';
import { startBareClientCredentials, startBareProvider } from './bare-provider';
import type { LoadOrder, LoadReport } from './grant-load';
import { cpuWindow, databaseName, durations, type Measurement } from './measure';
import { CALLBACK, CLIENT_SECRET, codeFlow, sesameBrowser, startSesame, type OidcServer } from './oidc-flow';

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

/** Refresh tokens to start `count` chains with, from code flows of a browser that has a session. */
async function refreshChains(server: OidcServer, browser: CookieBrowser, count: number): Promise<string[]> {
  const chains: string[] = [];
  for (let i = 0; i < count; i++) chains.push((await codeFlow(server, browser, RP, 'openid profile email')).refresh_token!);
  return chains;
}

/**
 * Runs one order in a forked load generator (`grant-load.ts`) and counts,
 * over its measured window, the CPU of this process (the server) and of
 * `database`'s PostgreSQL backends; the generator reports its own.
 */
async function measureLoad(order: Omit<LoadOrder, 'concurrency' | 'warmupMs' | 'durationMs'>, concurrency: number, database?: string): Promise<Measurement> {
  const child = fork(fileURLToPath(new URL('./grant-load.ts', import.meta.url)), { execArgv: ['--import', 'tsx'] });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`the load generator exited with ${code}`))));
  const reply = () => Promise.race([new Promise<unknown>((resolve) => child.once('message', resolve)), exited]);
  try {
    child.send({ ...order, concurrency, ...durations() } satisfies LoadOrder);
    await reply();
    const window = cpuWindow(database);
    child.send('go');
    const report = (await reply()) as LoadReport;
    return { ops: report.ops, seconds: report.seconds, perSecond: report.ops / report.seconds, ...window.stop(), clientCpuSeconds: report.clientCpuSeconds };
  } finally {
    exited.catch(() => {});
    child.kill();
  }
}

const MACHINE = 'bench-machine';

/**
 * Refresh-token grants (with rotation: each answer carries the next refresh
 * token) and client-credentials grants through Sésame's token endpoint over
 * real HTTP, on the PostgreSQL of DATABASE_URL (a fresh database, as the
 * tests make), and both on a bare oidc-provider in memory. Enough requests
 * in flight to keep a core busy; the rate per core divides by the CPU time
 * the server actually spent: this process and the PostgreSQL backends of
 * its database. The HTTP clients run in a forked process of their own,
 * whose CPU is reported beside it.
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
    const refreshTokens = await refreshChains(server, await sesameBrowser(t), concurrency);
    const refresh = await measureLoad({ server, clientId: RP, grant: 'refresh_token', refreshTokens }, concurrency, database);
    const clientCredentials = await measureLoad({ server, clientId: MACHINE, grant: 'client_credentials' }, concurrency, database);
    const bare = await startBareClientCredentials(MACHINE);
    const bareRp = await startBareProvider(RP, 'openid profile email', { refreshTokens: true });
    try {
      const bareClientCredentials = await measureLoad({ server: bare.server, clientId: MACHINE, grant: 'client_credentials' }, concurrency);
      const bareRefresh = await measureLoad({ server: bareRp.server, clientId: RP, grant: 'refresh_token', refreshTokens: await refreshChains(bareRp.server, new CookieBrowser(), concurrency) }, concurrency);
      return { concurrency, refresh, clientCredentials, bareClientCredentials, bareRefresh };
    } finally {
      await bare.close();
      await bareRp.close();
    }
  } finally {
    await t.close();
  }
}
