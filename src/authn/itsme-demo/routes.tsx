import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { VNode } from 'preact';
import { z } from 'zod';
import type { Config } from '../../config';
import { isLang, type Lang } from '../../platform/i18n/languages';
import { negotiateLanguage } from '../../platform/i18n/negotiate';
import { translator } from '../../platform/i18n/translate';
import { renderPage } from '../../platform/views/render';
import { ITSME_ACR_ADVANCED, ITSME_ACR_BASIC } from '../itsme/model';
import { normalizePhone, type DemoAccount } from './accounts';
import { AppPage, MessagePage, PhoneNumberPage } from './views/pages';

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

const phoneForm = z.object({ phone: z.string().max(40).catch('') });
const decisionForm = z.object({ decision: z.enum(['confirm', 'refuse']) });
const uidParams = z.object({ uid: z.string().regex(/^[\w-]{10,64}$/) });

/** The language of a page: the ui_locales Sésame sent, else the browser's. */
export function demoLanguage(config: Config, acceptLanguage: string | undefined, uiLocales?: unknown): Lang {
  const asked = typeof uiLocales === 'string' ? uiLocales.split(' ').find(isLang) : undefined;
  return asked ?? negotiateLanguage(undefined, acceptLanguage, config.defaultLanguage);
}

export function renderDemoPage(lang: Lang, url: string, view: VNode): string {
  return renderPage({ lang, t: translator(lang), csrfToken: '', url, devTools: false }, view);
}

/** The claims Sésame asked for with the `claims` parameter, in the ID token or in userinfo. */
function requestedClaims(claims: unknown): string[] {
  try {
    const parsed = (typeof claims === 'string' ? JSON.parse(claims) : claims) as Record<string, Record<string, unknown> | null> | undefined;
    return [...new Set([...Object.keys(parsed?.userinfo ?? {}), ...Object.keys(parsed?.id_token ?? {})])];
  } catch {
    return [];
  }
}

/**
 * The interaction of the demo provider, as the guide shows itsme: the
 * phone number, then "the app" with the request and Confirm / Refuse.
 * Forms carry no CSRF token: the interaction cookie is SameSite=Lax and
 * bound to the interaction, so another site cannot post them.
 */
export function demoInteractionRoutes(app: FastifyInstance, deps: { config: Config; provider: Provider; accounts: Map<string, DemoAccount> }) {
  const { config, provider, accounts } = deps;
  const chosen = new Map<string, { phone: string; at: number }>();
  const remember = (uid: string, phone: string) => {
    const now = Date.now();
    for (const [key, value] of chosen) if (now - value.at > 600_000) chosen.delete(key);
    chosen.set(uid, { phone, at: now });
  };

  async function withDetails(request: FastifyRequest, reply: FastifyReply, then: (details: Details, lang: Lang, uid: string) => Promise<unknown>) {
    const params = uidParams.safeParse(request.params);
    let details: Details | undefined;
    try {
      details = params.success ? await provider.interactionDetails(request.raw, reply.raw) : undefined;
    } catch {
      details = undefined;
    }
    if (!details || !params.success || details.uid !== params.data.uid) {
      const lang = demoLanguage(config, request.headers['accept-language']);
      const t = translator(lang);
      return send(reply, lang, request.url, <MessagePage title={t('itsme_demo.error.title')} message={t('itsme_demo.expired')} alert />, 400);
    }
    return then(details, demoLanguage(config, request.headers['accept-language'], details.params.ui_locales), details.uid);
  }

  const send = (reply: FastifyReply, lang: Lang, url: string, view: VNode, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDemoPage(lang, url, view));

  const accountList = [...accounts.values()];

  app.get('/interaction/:uid', (request, reply) =>
    withDetails(request, reply, async (_details, lang, uid) => send(reply, lang, request.url, <PhoneNumberPage uid={uid} accounts={accountList} />)),
  );

  /** "Envoyer": a known number goes on to the app; an unknown or malformed one is asked again. */
  app.post('/interaction/:uid', (request, reply) =>
    withDetails(request, reply, async (_details, lang, uid) => {
      const typed = phoneForm.parse(request.body ?? {}).phone;
      const phone = normalizePhone(typed);
      const error = !phone ? 'itsme_demo.phone.invalid' : !accounts.has(phone) ? 'itsme_demo.phone.unknown' : undefined;
      if (error) return send(reply, lang, request.url, <PhoneNumberPage uid={uid} phone={typed} error={error} accounts={accountList} />, 400);
      remember(uid, phone!);
      return reply.redirect(`/interaction/${uid}/app`, 303);
    }),
  );

  app.get('/interaction/:uid/app', (request, reply) =>
    withDetails(request, reply, async (details, lang, uid) => {
      const phone = chosen.get(uid)?.phone;
      if (!phone) return reply.redirect(`/interaction/${uid}`, 303);
      const client = await provider.Client.find(String(details.params.client_id));
      return send(reply, lang, request.url, <AppPage uid={uid} phone={phone} clientName={client?.clientName ?? String(details.params.client_id)} />);
    }),
  );

  /** "Confirmer" logs the account in with its level and grants the claims asked for; "Refuser" answers access_denied. */
  app.post('/interaction/:uid/app', (request, reply) =>
    withDetails(request, reply, async (details, _lang, uid) => {
      const phone = chosen.get(uid)?.phone;
      const decision = decisionForm.safeParse(request.body ?? {});
      if (!phone || !decision.success) return reply.redirect(`/interaction/${uid}`, 303);
      chosen.delete(uid);
      let result;
      if (decision.data.decision === 'refuse') {
        result = { error: 'access_denied', error_description: 'The person refused the request in the itsme app' };
      } else {
        const account = accounts.get(phone)!;
        const grant = new provider.Grant({ accountId: account.phone, clientId: String(details.params.client_id) });
        grant.addOIDCScope('openid');
        grant.addOIDCClaims(requestedClaims(details.params.claims));
        const grantId = await grant.save();
        result = {
          login: { accountId: account.phone, acr: account.level === 'advanced' ? ITSME_ACR_ADVANCED : ITSME_ACR_BASIC, amr: ['mfa', 'swk'] },
          consent: { grantId },
        };
      }
      const to = await provider.interactionResult(request.raw, reply.raw, result, { mergeWithLastSubmission: false });
      return reply.redirect(to, 303);
    }),
  );
}
