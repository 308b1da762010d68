import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { clientOfBearer } from '../../oidc/client-tokens';
import type { AppContext } from '../../platform/context';
import { checkAuthorization } from './service';

/** The scope a client-credentials token needs for the authorization API. */
export const AUTHORIZATION_SCOPE = 'authorization';

const text = (max: number) => z.string().trim().min(1).max(max);
const checkBody = z.strictObject({
  person: text(64),
  application: text(100),
  permission: text(100),
  enterprise: text(20),
  unit: text(64).nullish(),
});

function problem(reply: FastifyReply, status: number, error: string, description: string) {
  if (status === 401) reply.header('www-authenticate', `Bearer error="${error}"`);
  if (status === 403 && error === 'insufficient_scope') reply.header('www-authenticate', `Bearer error="insufficient_scope", scope="${AUTHORIZATION_SCOPE}"`);
  return reply.status(status).header('cache-control', 'no-store').send({ error, error_description: description });
}

/**
 * POST /api/authorization/check, for applications (README, "Relying
 * applications"): authenticated by a client-credentials access token of
 * our provider with the `authorization` scope; a client asks only about
 * the applications it stands for. JSON in and out; no cookies, no CSRF.
 */
export async function authorizationApiRoutes(app: FastifyInstance, ctx: AppContext) {
  app.post(
    '/api/authorization/check',
    {
      config: {
        csrf: false,
        // Applications call from one address, thousands of times a second: an authenticated caller is limited per token, generously.
        rateLimit: {
          keyGenerator: (request) => (request.headers.authorization?.startsWith('Bearer ') ? `token:${request.headers.authorization.slice(7, 300)}` : request.ip),
          max: (_request, key) => (key.startsWith('token:') ? 1_200_000 : ctx.config.rateLimitPerMinute),
          timeWindow: 60_000,
        },
      },
    },
    async (request, reply) => {
      const client = await clientOfBearer(ctx.db, request.headers.authorization);
      if (!client) return problem(reply, 401, 'invalid_token', 'a client-credentials access token is required');
      if (!client.scopes.includes(AUTHORIZATION_SCOPE)) return problem(reply, 403, 'insufficient_scope', `the token lacks the ${AUTHORIZATION_SCOPE} scope`);
      const parsed = checkBody.safeParse(request.body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return problem(reply, 400, 'invalid_request', `${issue.path.join('.') || 'body'}: ${issue.message}`);
      }
      const answer = await checkAuthorization(ctx, client.clientId, parsed.data);
      if ('refused' in answer) {
        return problem(reply, 403, 'forbidden', answer.refused === 'application_unknown' ? 'application unknown' : `client ${client.clientId} does not stand for application ${parsed.data.application}`);
      }
      return reply.header('cache-control', 'no-store').send(answer.decision);
    },
  );
}
