import { availableParallelism } from 'node:os';
import { CookieBrowser } from '../src/oidc/testing/relying-party';
import { startBareProvider } from './bare-provider';
import { compare, databaseName, durations, type Measurement } from './measure';
import { CALLBACK, CLIENT_SECRET, codeFlow, sesameBrowser, startSesame } from './oidc-flow';

export interface SsoFlowResult {
  concurrency: number;
  bare: Measurement;
  sesame: Measurement;
  ratio: number;
}

const CLIENT = 'bench-rp';
const SCOPE = 'openid profile email';

/**
 * The single-sign-on authorization-code flow for a browser that already has
 * a session (authorization request → redirect with a code → token
 * exchange with PKCE and client_secret_basic), over real HTTP, through
 * Sésame (on DATABASE_URL's PostgreSQL) and through a bare oidc-provider
 * with its in-memory adapter. Each browser's session is established by one
 * flow before measuring; every measured flow then goes straight to the code.
 */
export async function benchSsoFlow(): Promise<SsoFlowResult> {
  const concurrency = 4 * availableParallelism();
  const bare = await startBareProvider(CLIENT, SCOPE);
  const sesame = await startSesame([{ client_id: CLIENT, redirect_uris: [CALLBACK], grant_types: ['authorization_code'], scope: SCOPE, secret: CLIENT_SECRET }]);
  try {
    const bareBrowsers: CookieBrowser[] = [];
    const sesameBrowsers: CookieBrowser[] = [];
    for (let i = 0; i < concurrency; i++) {
      const b = new CookieBrowser();
      await codeFlow(bare.server, b, CLIENT, SCOPE);
      bareBrowsers.push(b);
      const s = await sesameBrowser(sesame.t);
      await codeFlow(sesame.server, s, CLIENT, SCOPE);
      sesameBrowsers.push(s);
    }
    // Each worker takes a browser of its own, so no browser runs two flows at once.
    const flows = (server: typeof bare.server, browsers: CookieBrowser[]) => {
      let next = 0;
      const idle = [...browsers];
      return async () => {
        const browser = idle.pop() ?? browsers[next++ % browsers.length]!;
        try {
          await codeFlow(server, browser, CLIENT, SCOPE);
        } finally {
          idle.push(browser);
        }
      };
    };
    const result = await compare(flows(bare.server, bareBrowsers), flows(sesame.server, sesameBrowsers), { concurrency, database: await databaseName(sesame.t.ctx.db), rounds: 5, ...durations() });
    return { concurrency, bare: result.reference, sesame: result.candidate, ratio: result.ratio };
  } finally {
    await sesame.t.close();
    await bare.close();
  }
}
