import { runFor } from './measure';
import { tokenRequest, type OidcServer } from './oidc-flow';

/**
 * The load generator of the grants benchmark, in a process of its own so
 * that the rate per core counts the server's CPU (and PostgreSQL's), not
 * the HTTP client's. `bench/grants.ts` forks it and sends one order; it
 * warms up, says so, waits for the go (the parent's CPU snapshot), runs the
 * measured window and answers with what it did and the CPU it took itself.
 */
export interface LoadOrder {
  server: OidcServer;
  clientId: string;
  grant: 'client_credentials' | 'refresh_token';
  /** One refresh-token chain per worker: a rotated token is spent, and presenting it twice would revoke the grant. */
  refreshTokens?: string[];
  concurrency: number;
  warmupMs: number;
  durationMs: number;
}

export interface LoadReport {
  ops: number;
  seconds: number;
  clientCpuSeconds: number;
}

function operation(order: LoadOrder): () => Promise<void> {
  if (order.grant === 'client_credentials') {
    return async () => {
      const tokens = await tokenRequest(order.server, order.clientId, { grant_type: 'client_credentials', scope: 'api' });
      if (!tokens.access_token) throw new Error('no access token');
    };
  }
  const chains = [...order.refreshTokens!];
  const idle = chains.map((_, i) => i);
  return async () => {
    const chain = idle.pop()!;
    try {
      const tokens = await tokenRequest(order.server, order.clientId, { grant_type: 'refresh_token', refresh_token: chains[chain]! });
      if (!tokens.refresh_token || !tokens.access_token) throw new Error('no rotated refresh token');
      chains[chain] = tokens.refresh_token;
    } finally {
      idle.push(chain);
    }
  };
}

const next = () => new Promise<unknown>((resolve) => process.once('message', resolve));

const order = (await next()) as LoadOrder;
const run = operation(order);
await runFor(run, order.concurrency, order.warmupMs);
process.send!('warm');
await next();
const cpu = process.cpuUsage();
const start = performance.now();
const ops = await runFor(run, order.concurrency, order.durationMs);
const seconds = (performance.now() - start) / 1000;
const used = process.cpuUsage(cpu);
process.send!({ ops, seconds, clientCpuSeconds: (used.user + used.system) / 1e6 } satisfies LoadReport);
process.disconnect();
