import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context';
import type { RouteModule } from '../platform/http/app';
import { listClientRecords } from './store';

/*
 * Chromium applies a page's CSP `form-action` to the redirects that follow a
 * form's submission. A login form (or the logout confirmation, or the
 * enterprise choice) posts to us, and we redirect to the relying
 * application's callback: with `form-action 'self'` alone, the browser
 * stops there. So our pages allow, beside themselves, the origins of the
 * redirect and post-logout URIs that operators registered — no others.
 */

const TTL_MS = 5_000;
const cache = new WeakMap<object, { until: number; origins: Promise<string[]> }>();

function originsOf(uris: unknown): string[] {
  if (!Array.isArray(uris)) return [];
  return uris.flatMap((u) => {
    try {
      return typeof u === 'string' ? [new URL(u).origin] : [];
    } catch {
      return [];
    }
  });
}

/** The origins registered clients redirect to, cached briefly (clients change rarely; see client-cache.ts). */
export function clientOrigins(ctx: Pick<AppContext, 'db'>): Promise<string[]> {
  const now = performance.now();
  const hit = cache.get(ctx.db);
  if (hit && hit.until > now) return hit.origins;
  const origins = listClientRecords(ctx.db).then((clients) => [
    ...new Set(clients.flatMap((c) => [...originsOf(c.metadata.redirect_uris), ...originsOf(c.metadata.post_logout_redirect_uris)])),
  ]);
  origins.catch(() => cache.delete(ctx.db));
  cache.set(ctx.db, { until: now + TTL_MS, origins });
  return origins;
}

/** Drops the cached origins of a database: called with forgetCachedClients. */
export function forgetClientOrigins(db: object): void {
  cache.delete(db);
}

async function widened(ctx: Pick<AppContext, 'db'>, policy: unknown): Promise<string | undefined> {
  if (typeof policy !== 'string' || !policy.includes("form-action 'self'")) return undefined;
  const origins = await clientOrigins(ctx);
  return origins.length ? policy.replace("form-action 'self'", `form-action 'self' ${origins.join(' ')}`) : undefined;
}

/** The same, on a raw response the provider writes itself (its pages bypass Fastify's onSend). */
export async function widenFormAction(ctx: Pick<AppContext, 'db'>, res: ServerResponse): Promise<void> {
  const policy = await widened(ctx, res.getHeader('content-security-policy'));
  if (policy) res.setHeader('content-security-policy', policy);
}

/** Widens `form-action 'self'` of every page with the registered clients' origins. */
export const formTargetRoutes: RouteModule = (app: FastifyInstance, ctx: AppContext) => {
  app.addHook('onSend', async (_request, reply, payload) => {
    const policy = await widened(ctx, reply.getHeader('content-security-policy'));
    if (policy) reply.header('content-security-policy', policy);
    return payload;
  });
};
formTargetRoutes.global = true;
