import type { FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import { recordAudit } from '../platform/audit/audit';
import type { AppContext } from '../platform/context';
import { recordActingFor } from './acting-for';
import { recordGrantIdentification } from './adapter';
import { decideEnterprise } from './enterprise-decision';
import { acrFor, clientMinLoa, decideInteraction, levelForRequest } from './model';

export type InteractionOutcome = { kind: 'expired' } | { kind: 'redirect'; location: string };

/** Claim names asked for in a `claims` request parameter (OpenID Connect Core 5.5). */
function requestedClaims(claims: unknown): string[] {
  if (typeof claims !== 'string') return [];
  try {
    const parsed = JSON.parse(claims) as Record<string, Record<string, unknown> | null>;
    return [...new Set(['userinfo', 'id_token'].flatMap((where) => Object.keys(parsed[where] ?? {})))];
  } catch {
    return [];
  }
}

/**
 * GET /interaction/:uid. The level needed is the higher of the
 * application's minimum and its acr_values. A session that reaches it (and
 * is recent enough for prompt=login and max_age) finishes the login, and
 * the requested scopes and claims are granted: applications are registered
 * by operators, there is no consent screen. Otherwise the person is sent to
 * identify, or to step up, and comes back here.
 */
export async function finishInteraction(ctx: AppContext, provider: Provider, request: FastifyRequest<{ Params: { uid: string } }>, reply: FastifyReply, chosenEnterprise?: string): Promise<InteractionOutcome> {
  let details;
  try {
    details = await provider.interactionDetails(request.raw, reply.raw);
  } catch {
    return { kind: 'expired' };
  }
  if (details.uid !== request.params.uid) return { kind: 'expired' };

  const params = details.params as Record<string, string | undefined>;
  const client = await provider.Client.find(params.client_id ?? '');
  if (!client) return { kind: 'expired' };
  const level = levelForRequest(clientMinLoa(client['min_loa']), params.acr_values, ctx.config.acrAliases);
  const session = request.session;
  const decision = decideInteraction({
    session,
    level,
    promptLogin: details.prompt.reasons.includes('login_prompt'),
    requestedAt: new Date((details.iat ?? 0) * 1000),
    maxAge: params.max_age === undefined ? undefined : Number(params.max_age),
    now: ctx.clock.now(),
  });
  if (decision.kind === 'identify' || !session) {
    const back = `/interaction/${details.uid}`;
    return { kind: 'redirect', location: `/login?${new URLSearchParams({ return: back, loa: level })}` };
  }

  const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
  const grant = existing && existing.accountId === session.personId ? existing : new provider.Grant({ accountId: session.personId, clientId: client.clientId });
  // With the roles scope, the enterprise the person acts for (enterprise-decision.ts): chosen on a page when there are several.
  const enterprise = await decideEnterprise(ctx, { uid: details.uid, params, clientId: client.clientId, session, grantId: grant === existing ? details.grantId : undefined, chosen: chosenEnterprise });
  if (enterprise.kind === 'choose') return { kind: 'redirect', location: enterprise.location };
  grant.addOIDCScope(params.scope ?? 'openid');
  const missing = details.prompt.details as { missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
  const claims = [...requestedClaims(params.claims), ...(missing.missingOIDCClaims ?? [])];
  if (claims.length > 0) grant.addOIDCClaims(claims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
  const grantId = await grant.save();
  await recordGrantIdentification(ctx.db, grantId, session, session.expiresAt);
  if (enterprise.acting) await recordActingFor(ctx.db, grantId, enterprise.acting, session.expiresAt);

  const acr = acrFor(session, params.acr_values, ctx.config.acrAliases);
  const result: InteractionResults = {
    // Not remembered: the provider's session cookie ends with the browser, as ours does.
    login: { accountId: session.personId, acr, amr: session.amr, ts: Math.floor(session.authTime.getTime() / 1000), remember: false },
    consent: { grantId },
    // prompt=select_account is answered by the enterprise choice (or by nothing to choose).
    ...(enterprise.selectAccount ? { select_account: {} } : {}),
  };
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, ctx.clock.now(), {
      actor: `person:${session.nrn}`,
      action: 'oidc.application_signed_in',
      target: `client:${client.clientId}`,
      details: { loa: session.loa, acr, scope: params.scope ?? 'openid', ...(enterprise.acting?.enterprise ? { actingFor: enterprise.acting.enterprise } : {}) },
      requestId: request.id,
    }),
  );
  const location = await provider.interactionResult(request.raw, reply.raw, result, { mergeWithLastSubmission: false });
  return { kind: 'redirect', location };
}
