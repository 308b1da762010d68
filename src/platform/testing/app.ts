import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../config';
import { createRegisters } from '../../registries/database-registers';
import { routeModules } from '../../routes';
import { TestClock } from '../clock';
import type { AppContext } from '../context';
import { buildApp } from '../http/app';
import { createTestDatabase } from './database';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext & { clock: TestClock };
  close(): Promise<void>;
}

/** The whole application on a fresh database, for HTTP tests through `app.inject`. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config: Config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });
  const { db, drop } = await createTestDatabase();
  const clock = new TestClock();
  const ctx = { config, db, clock, cookieSecret: 'test-cookie-secret-of-at-least-32-characters', registers: createRegisters(db, clock) };
  const app = await buildApp(ctx, routeModules);
  return {
    app,
    ctx,
    async close() {
      await app.close();
      await drop();
    },
  };
}

/**
 * A browser-like client: keeps cookies between requests and fills in the
 * CSRF token of the last page it loaded, as a form would.
 */
export class TestBrowser {
  private cookies = new Map<string, string>();
  private csrfToken: string | undefined;

  constructor(private readonly app: FastifyInstance, private readonly headers: Record<string, string> = {}) {}

  setCookie(name: string, value: string) {
    this.cookies.set(name, value);
  }

  async get(url: string) {
    return this.keep(await this.app.inject({ method: 'GET', url, headers: this.requestHeaders() }));
  }

  async post(url: string, form: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries({ _csrf: this.csrfToken ?? '', ...form })) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { ...this.requestHeaders(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      }),
    );
  }

  private requestHeaders() {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return { ...this.headers, ...(cookie ? { cookie } : {}) };
  }

  private keep(response: LightMyRequestResponse) {
    for (const c of response.cookies) this.cookies.set(c.name, c.value);
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrfToken = token;
    return response;
  }
}
