import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import type Provider from 'oidc-provider';
import type { AppContext } from '../../platform/context';
import { translator } from '../../platform/i18n/translate';
import { generatedSecret } from '../../platform/settings';
import { loadDemoAccounts } from './accounts';
import { createDemoProvider } from './provider';
import { demoInteractionRoutes, demoLanguage, renderDemoPage } from './routes';
import { MessagePage } from './views/pages';

/** The running demo provider. */
export interface ItsmeDemo {
  issuer: string;
  close(): Promise<void>;
}

const STYLES = `
body{font-family:system-ui,sans-serif;margin:0;background:#f4f4f7;color:#1a1a1a}
main{max-width:40rem;margin:0 auto;padding:1.5rem}
.demo-banner{background:#ffd400;color:#000;padding:.75rem 1.5rem;border-bottom:3px solid #000;display:flex;gap:.75rem;flex-wrap:wrap}
.demo-banner strong{font-size:1.1rem}
label{display:block;font-weight:600;margin-top:1rem}
.hint{margin:.25rem 0;color:#444}
input{font-size:1.1rem;padding:.5rem;width:100%;max-width:20rem;box-sizing:border-box}
button{font-size:1rem;padding:.6rem 1.2rem;margin:.75rem .5rem 0 0;border-radius:.3rem;border:2px solid #1a1a1a;background:#fff;cursor:pointer}
button[type=submit]:first-of-type,.confirm{background:#ff4612;color:#000}
.error{color:#a00000;font-weight:600}
table{border-collapse:collapse;margin-top:.5rem}th,td{border:1px solid #bbb;padding:.3rem .6rem;text-align:left}
.phone{max-width:22rem;margin:1rem auto;border:10px solid #222;border-radius:2rem;padding:1.5rem;background:#fff}
.phone__device{font-size:.9rem;color:#444}
`;

const SECURITY_HEADERS = (formTargets: string) => ({
  'content-security-policy': `default-src 'none'; style-src 'self'; form-action 'self' ${formTargets}; frame-ancestors 'none'; base-uri 'none'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
});

/** Paths the demo's own pages answer; every other request is the OpenID provider's. */
const isDemoPage = (url = '/') => url === '/' || url === '/demo.css' || url.startsWith('/interaction/');

/**
 * Starts the demo itsme-compatible provider on its own port
 * (ITSME_DEMO_PORT), with Sésame registered as its one client. `serve`
 * runs it when ITSME_ISSUER is not set; it says on every page that it is
 * not itsme.
 */
export async function startItsmeDemo(ctx: AppContext, log: FastifyBaseLogger): Promise<ItsmeDemo> {
  const { config } = ctx;
  const issuer = config.itsme.issuer;
  const accounts = loadDemoAccounts();
  const sesameOrigin = new URL(config.itsme.redirectUri).origin;

  const provider: Provider = await createDemoProvider({
    issuer,
    client: { clientId: config.itsme.clientId, clientName: 'Sésame', redirectUri: config.itsme.redirectUri, jwksUri: `${config.publicUrl}/login/itsme/jwks.json` },
    accounts,
    pairwiseSalt: await generatedSecret(ctx.db, 'itsme_demo.pairwise_salt'),
    cookiePrefix: 'itsme_demo_',
    renderError: async (koa, _out, error) => {
      log.warn({ err: error }, 'itsme demo provider error');
      const lang = demoLanguage(config, koa.get('accept-language'));
      const t = translator(lang);
      koa.type = 'html';
      koa.set(SECURITY_HEADERS(sesameOrigin));
      koa.body = renderDemoPage(lang, koa.url, <MessagePage title={t('itsme_demo.error.title')} message={t('itsme_demo.expired')} alert />);
    },
  });
  provider.on('server_error', (_koa, error) => log.error({ err: error }, 'itsme demo provider server error'));
  const providerHandler = provider.callback();

  const app = Fastify({
    loggerInstance: log.child({ module: 'itsme-demo' }),
    serverFactory: (fastifyHandler) =>
      createServer((req: IncomingMessage, res: ServerResponse) => (isDemoPage(req.url) ? fastifyHandler(req, res) : void providerHandler(req, res))),
  });
  await app.register(formbody);
  app.addHook('onSend', async (_request, reply) => {
    reply.headers(SECURITY_HEADERS(sesameOrigin));
  });
  app.get('/demo.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLES));
  app.get('/', async (request, reply) => {
    const lang = demoLanguage(config, request.headers['accept-language']);
    const t = translator(lang);
    return reply.type('text/html; charset=utf-8').send(renderDemoPage(lang, '/', <MessagePage title={t('itsme_demo.title')} message={t('itsme_demo.home.text')} />));
  });
  demoInteractionRoutes(app, { config, provider, accounts });

  await app.listen({ host: config.host, port: config.itsme.demoPort });
  log.warn({ issuer }, 'itsme DEMO provider running: this is NOT itsme. Set ITSME_ISSUER and ITSME_CLIENT_ID to broker to the real itsme.');
  return { issuer, close: () => app.close() };
}
