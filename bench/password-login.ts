import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import { DEMO_KEYS, loadDemoKeys } from '../src/authn/password/demo';
import { ARGON2_OPTIONS } from '../src/authn/password/model';
import { createTestApp, TestBrowser } from '../src/platform/testing/app';
import { loadDemoRegisters } from '../src/registries/demo';
import { compare, databaseName, durations, type Measurement } from './measure';

export interface PasswordLoginResult {
  concurrency: number;
  rawVerify: Measurement;
  loginFlow: Measurement;
  ratio: number;
}

/**
 * The full password login through the application (GET /login, GET
 * /login/password, POST /login/password → 303 with a new session: throttle
 * checks, audit, session row, cookies, page rendering, through app.inject)
 * against bare argon2id verifications with the product's parameters.
 *
 * Both sides keep four operations per core in flight: enough that argon2
 * (on libuv's pool of four threads) keeps every core busy while other
 * logins wait on the database, as a loaded server would.
 */
export async function benchPasswordLogin(): Promise<PasswordLoginResult> {
  const concurrency = 4 * availableParallelism();
  const [emma] = DEMO_KEYS;
  const stored = await hash(emma.password.normalize('NFC'), ARGON2_OPTIONS);
  const raw = async () => {
    if (!(await verify(stored, emma.password.normalize('NFC')))) throw new Error('the raw verification failed');
  };

  const t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '100000000' });
  try {
    await loadDemoRegisters(t.ctx.db);
    await loadDemoKeys(t.ctx.db);
    const login = async () => {
      const browser = new TestBrowser(t.app, { 'accept-language': 'en' });
      await browser.get('/login?loa=low&return=/apps');
      await browser.get('/login/password');
      const done = await browser.post('/login/password', { username: emma.username, password: emma.password });
      if (done.statusCode !== 303 || done.headers.location !== '/apps') throw new Error(`login answered ${done.statusCode}`);
    };
    const result = await compare(raw, login, { concurrency, database: await databaseName(t.ctx.db), rounds: 5, ...durations() });
    return { concurrency, rawVerify: result.reference, loginFlow: result.candidate, ratio: result.ratio };
  } finally {
    await t.close();
  }
}
