import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { RoleClaim } from '../access/claims';
import { catalogOf } from '../access/catalog/service';
import type { AppContext } from '../platform/context';
import { formBody, formValue } from '../platform/views/form-data';
import { formatEnterpriseNumber } from '../registries/identifiers';
import { enterprisesFor, wantsRoles } from './enterprise-decision';
import { finishInteraction } from './interaction';
import { EnterpriseChoicePage, type EnterpriseOption } from './views/enterprise-choice-page';

type Params = { Params: { uid: string }; Querystring: { q?: string } };

/** The page's facts, or undefined when the interaction is gone, not this browser's person's, or needs no choice. */
async function choiceFacts(ctx: AppContext, provider: Provider, request: FastifyRequest<Params>, reply: FastifyReply) {
  const session = request.session;
  if (!session) return undefined;
  let details;
  try {
    details = await provider.interactionDetails(request.raw, reply.raw);
  } catch {
    return undefined;
  }
  const params = details.params as Record<string, string | undefined>;
  if (details.uid !== request.params.uid || !params.client_id || !wantsRoles(params.scope)) return undefined;
  const client = await provider.Client.find(params.client_id);
  if (!client) return undefined;
  const enterprises = await enterprisesFor(ctx, session.personId, client.clientId, session);
  // The application's name as the catalog gives it, in the person's language; else the client's registered name.
  const application = (await catalogOf(ctx)).applicationsOfClient(client.clientId)[0];
  return { client, enterprises, clientName: application?.names[request.lang] ?? (client.clientName as string | undefined) ?? client.clientId };
}

async function optionsOf(ctx: AppContext, request: FastifyRequest, enterprises: Map<string, RoleClaim[]>): Promise<EnterpriseOption[]> {
  const catalog = await catalogOf(ctx);
  const options: EnterpriseOption[] = [];
  for (const [number, roles] of enterprises) {
    const enterprise = await ctx.registers.enterprises.findEnterprise(number, { lang: request.lang });
    const roleNames = roles.map((r) => catalog.role(r.application, r.role)?.names[request.lang] ?? r.role);
    options.push({ number, formatted: formatEnterpriseNumber(number), name: enterprise?.name ?? formatEnterpriseNumber(number), roles: [...new Set(roleNames)] });
  }
  return options.sort((a, b) => a.name.localeCompare(b.name, request.lang));
}

/** Keeps the options whose name or number contains the search (digits compared without dots). */
export function filterOptions(options: EnterpriseOption[], query: string): EnterpriseOption[] {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return options;
  const digits = q.replace(/[\s.]/g, '');
  return options.filter((o) => o.name.toLocaleLowerCase().includes(q) || (/^\d+$/.test(digits) && o.number.includes(digits)));
}

/** GET and POST /interaction/:uid/enterprise: the choice page, and the choice that finishes the login. */
export function registerEnterpriseChoice(app: FastifyInstance, ctx: AppContext, provider: () => Provider) {
  const show = async (request: FastifyRequest<Params>, reply: FastifyReply, error?: string) => {
    const facts = await choiceFacts(ctx, provider(), request, reply);
    // Nothing (left) to choose: the interaction finishes by itself.
    if (!facts || facts.enterprises.size <= 1) return reply.redirect(`/interaction/${encodeURIComponent(request.params.uid)}`, 303);
    const all = await optionsOf(ctx, request, facts.enterprises);
    const query = typeof request.query.q === 'string' ? request.query.q.slice(0, 100) : '';
    return reply.render(<EnterpriseChoicePage uid={request.params.uid} application={facts.clientName} options={filterOptions(all, query)} total={all.length} query={query} error={error} />, error ? 400 : 200);
  };

  app.get<Params>('/interaction/:uid/enterprise', async (request, reply) => show(request, reply));

  app.post<Params>('/interaction/:uid/enterprise', async (request, reply) => {
    const facts = await choiceFacts(ctx, provider(), request, reply);
    if (!facts) return reply.redirect(`/interaction/${encodeURIComponent(request.params.uid)}`, 303);
    const chosen = formValue(formBody(request.body), 'enterprise');
    if (!facts.enterprises.has(chosen)) return show(request, reply, request.t('oidc.enterprise.required'));
    const outcome = await finishInteraction(ctx, provider(), request, reply, chosen);
    if (outcome.kind === 'expired') return reply.redirect(`/interaction/${encodeURIComponent(request.params.uid)}`, 303);
    return reply.redirect(outcome.location, 303);
  });
}
