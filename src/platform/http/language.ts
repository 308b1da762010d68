import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context';
import { isLang } from '../i18n/languages';
import { negotiateLanguage } from '../i18n/negotiate';
import { translator } from '../i18n/translate';
import { COOKIE_DEFAULTS } from './security';

const LANG_COOKIE = 'sesame_lang';
const ONE_YEAR = 365 * 24 * 3600;

/**
 * Only a local path may follow a language switch or an identification: no
 * open redirect. Control characters and spaces are refused too, since
 * browsers drop tabs and line breaks from URLs ("/\t/evil.example").
 */
export function localPath(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s\x00-\x1f\x7f]*$/.test(next) ? next : '/';
}

/** Every request gets a language; the switcher remembers a choice for a year. */
export async function registerLanguage(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest('lang', 'fr');
  app.decorateRequest('t', null as never);
  app.addHook('onRequest', async (request) => {
    request.lang = negotiateLanguage(request.cookies[LANG_COOKIE], request.headers['accept-language'], ctx.config.defaultLanguage);
    request.t = translator(request.lang);
  });

  app.get<{ Params: { lang: string }; Querystring: { next?: string } }>('/lang/:lang', async (request, reply) => {
    if (isLang(request.params.lang)) {
      reply.setCookie(LANG_COOKIE, request.params.lang, { ...COOKIE_DEFAULTS, maxAge: ONE_YEAR });
    }
    return reply.redirect(localPath(request.query.next), 303);
  });
}
