import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../platform/context';
import { localPath } from '../platform/http/language';
import { LEVELS } from './loa';
import { rememberPendingLogin } from './login';
import { endBrowserSession } from './http-session';
import { idleDeadline } from './session';
import { LoginPage } from './views/login-page';

const loginQuery = z.object({ return: z.string().optional(), loa: z.enum(LEVELS).catch('low') });

export function authnRoutes(app: FastifyInstance, ctx: AppContext) {
  /** The choice of digital key; remembers where to go back and the level to reach. */
  app.get('/login', async (request, reply) => {
    const query = loginQuery.parse(request.query);
    rememberPendingLogin(reply, { returnTo: localPath(query.return), loa: query.loa });
    return reply.render(<LoginPage required={query.loa} />);
  });

  /** Ends the session everywhere: every hook (e.g. back-channel logout of its applications) runs first. */
  app.post('/logout', async (request, reply) => {
    await endBrowserSession(ctx, request, reply);
    return reply.redirect('/?logged_out=1', 303);
  });

  /** For the idle-timeout warning: when the session ends if nothing happens (does not count as activity). */
  app.get('/session/status', async (request) => {
    const session = request.session;
    // `now` lets the page measure the deadline against the server's clock, not its own (which may be off).
    return session ? { active: true, idleDeadline: idleDeadline(session, app.sessionSettings).toISOString(), now: ctx.clock.now().toISOString() } : { active: false };
  });

  /** "Prolonger": any request counts as activity; this one exists so the warning can extend without leaving the page. */
  app.post('/session/extend', async (request, reply) => {
    const session = request.session;
    if (!session) return reply.status(401).send({ active: false });
    return { active: true, idleDeadline: idleDeadline(session, app.sessionSettings).toISOString(), now: ctx.clock.now().toISOString() };
  });
}
