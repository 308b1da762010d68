import { randomBytes } from 'node:crypto';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { z } from 'zod';
import { newTransaction, type RelyingParty, type Transaction } from './oidc';
import { actingEnterprise, permissionsFor, rolesOf, type Action } from './permissions';
import * as store from './store';
import { DossierPage, HomePage, MessagePage, STYLE, WelcomePage, type Viewer } from './views';

export interface MonEspaceOptions {
  rp: RelyingParty;
  db: store.MonEspaceDb;
  cookieSecret: string;
  /** Secure cookies when served over HTTPS. */
  secure: boolean;
}

const SESSION = 'mon_espace_session';
const TX = 'mon_espace_tx';
const dossierInput = z.object({ title: z.string().trim().min(1).max(200), body: z.string().max(5000).default('') });
const idParams = z.object({ id: z.string().max(40) });

/**
 * "Mon Espace", a relying application of Sésame: the dossiers of the
 * enterprise a person acts for, with the permission matrix of "Espace
 * Personnel Wallon" enforced on the server from the roles in the person's
 * tokens. Its logout ends the Sésame session everywhere (RP-initiated
 * logout), and Sésame's back-channel logout ends its sessions.
 */
export async function buildMonEspace(o: MonEspaceOptions) {
  const app = Fastify({ logger: false });
  await app.register(cookie, { secret: o.cookieSecret });
  await app.register(formbody);
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: o.secure, signed: true };

  // The logout form redirects to the platform's end-session endpoint: form-action must name its origin (a bare * would not cover its port).
  const csp = `default-src 'none'; style-src 'self'; form-action 'self' ${new URL(o.rp.issuer).origin}; frame-ancestors 'none'; base-uri 'none'`;
  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', csp);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
  });

  const page = (reply: FastifyReply, view: VNode<any>, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(`<!doctype html>${render(view)}`);

  async function sessionOf(request: FastifyRequest) {
    const raw = request.cookies[SESSION];
    const unsigned = raw ? request.unsignCookie(raw) : undefined;
    return unsigned?.valid && unsigned.value ? store.findSession(o.db, unsigned.value) : undefined;
  }

  function viewerOf(session: store.Session): Viewer {
    const c = session.claims;
    const enterprise = actingEnterprise(c);
    const name = [c.given_name, c.family_name].filter((x) => typeof x === 'string').join(' ') || session.sub;
    const roles = rolesOf(c)
      .filter((r) => r.enterprise === enterprise)
      .map((r) => r.role);
    return { name, enterprise, level: typeof c.acr === 'string' ? c.acr : '', roles, permissions: permissionsFor(c, enterprise), csrf: session.csrf };
  }

  /** The identified person and what they may do, or a redirect to the welcome page; POSTs must carry the session's CSRF token. */
  async function identified(request: FastifyRequest, reply: FastifyReply) {
    const session = await sessionOf(request);
    if (!session) {
      await reply.redirect('/');
      return undefined;
    }
    if (request.method === 'POST' && (request.body as { csrf?: unknown } | undefined)?.csrf !== session.csrf) {
      await page(reply, <MessagePage title="Formulaire expiré" text="Le formulaire a expiré : rechargez la page et recommencez." />, 403);
      return undefined;
    }
    return { session, viewer: viewerOf(session) };
  }

  function refuse(reply: FastifyReply, viewer: Viewer, action: Action) {
    const text = action === 'submit' ? 'Votre rôle ne permet pas de soumettre un dossier : il faut le rôle Éditeur ou Propriétaire.' : `Votre rôle ne permet pas cette action (${action}).`;
    return page(reply, <MessagePage title="Action refusée" text={text} viewer={viewer} />, 403);
  }

  app.get('/style.css', async (_request, reply) => reply.type('text/css').header('cache-control', 'max-age=3600').send(STYLE));

  app.get('/', async (request, reply) => {
    const session = await sessionOf(request);
    if (!session) return page(reply, <WelcomePage />);
    const viewer = viewerOf(session);
    const dossiers = viewer.enterprise && viewer.permissions.has('read') ? await store.dossiersOf(o.db, viewer.enterprise) : [];
    const notice = typeof (request.query as { done?: unknown }).done === 'string' ? NOTICES[(request.query as { done: string }).done] : undefined;
    return page(reply, <HomePage viewer={viewer} dossiers={dossiers} notice={notice} />);
  });

  app.get('/login', async (_request, reply) => {
    const tx = newTransaction();
    reply.setCookie(TX, JSON.stringify(tx), { ...cookieOptions, maxAge: 600 });
    return reply.redirect((await o.rp.authorizationUrl(tx)).href);
  });

  app.get('/callback', async (request, reply) => {
    const raw = request.cookies[TX];
    const unsigned = raw ? request.unsignCookie(raw) : undefined;
    const tx = unsigned?.valid && unsigned.value ? (JSON.parse(unsigned.value) as Transaction) : undefined;
    reply.clearCookie(TX, { path: '/' });
    if (!tx) return page(reply, <MessagePage title="Identification interrompue" text="Recommencez l’identification depuis la page d’accueil." />, 400);
    try {
      const url = new URL(request.url, `http://${request.headers.host ?? 'localhost'}`);
      const { claims, idToken } = await o.rp.callback(url, tx);
      const id = randomBytes(24).toString('base64url');
      await store.insertSession(o.db, { id, sub: String(claims.sub), sid: typeof claims.sid === 'string' ? claims.sid : null, claims, idToken, csrf: randomBytes(16).toString('base64url') });
      reply.setCookie(SESSION, id, cookieOptions);
      return reply.redirect('/');
    } catch {
      return page(reply, <MessagePage title="Identification refusée" text="Sésame n’a pas confirmé votre identification. Recommencez depuis la page d’accueil." />, 400);
    }
  });

  app.post('/logout', async (request, reply) => {
    const who = await identified(request, reply);
    if (!who) return reply;
    await store.deleteSession(o.db, who.session.id);
    reply.clearCookie(SESSION, { path: '/' });
    return reply.redirect((await o.rp.endSessionUrl(who.session.idToken)).href);
  });

  app.post('/backchannel-logout', async (request, reply) => {
    const token = (request.body as { logout_token?: unknown } | undefined)?.logout_token;
    const who = typeof token === 'string' ? await o.rp.verifyLogoutToken(token) : undefined;
    if (!who) return reply.code(400).send({ error: 'invalid_request' });
    await store.deleteSessionsOf(o.db, who);
    return reply.code(200).header('cache-control', 'no-store').send();
  });

  app.post('/dossiers', async (request, reply) => {
    const who = await identified(request, reply);
    if (!who) return reply;
    if (!who.viewer.enterprise || !who.viewer.permissions.has('create')) return refuse(reply, who.viewer, 'create');
    const input = dossierInput.safeParse(request.body);
    if (!input.success) return page(reply, <MessagePage title="Dossier incomplet" text="Donnez un titre au dossier (200 caractères au plus)." viewer={who.viewer} />, 400);
    const dossier = await store.insertDossier(o.db, { enterprise: who.viewer.enterprise, ...input.data, by: who.viewer.name });
    return reply.redirect(`/dossiers/${dossier.id}`);
  });

  async function dossierFor(request: FastifyRequest, reply: FastifyReply, action: Action) {
    const who = await identified(request, reply);
    if (!who) return undefined;
    const { id } = idParams.parse(request.params);
    if (!who.viewer.enterprise || !who.viewer.permissions.has(action)) {
      await refuse(reply, who.viewer, action);
      return undefined;
    }
    const dossier = await store.findDossier(o.db, who.viewer.enterprise, id);
    if (!dossier) {
      await page(reply, <MessagePage title="Dossier introuvable" text="Ce dossier n’existe pas dans votre entreprise." viewer={who.viewer} />, 404);
      return undefined;
    }
    return { ...who, dossier };
  }

  app.get('/dossiers/:id', async (request, reply) => {
    const found = await dossierFor(request, reply, 'read');
    return found ? page(reply, <DossierPage viewer={found.viewer} dossier={found.dossier} />) : reply;
  });

  const conflict = (reply: FastifyReply, viewer: Viewer) => page(reply, <MessagePage title="Dossier déjà traité" text="Ce dossier a changé d’état entre-temps : rechargez-le." viewer={viewer} />, 409);

  app.post('/dossiers/:id', async (request, reply) => {
    const found = await dossierFor(request, reply, 'modify');
    if (!found) return reply;
    const input = dossierInput.safeParse(request.body);
    if (!input.success) return page(reply, <MessagePage title="Dossier incomplet" text="Donnez un titre au dossier (200 caractères au plus)." viewer={found.viewer} />, 400);
    if (!(await store.updateDossier(o.db, found.dossier.id, ['draft'], { ...input.data, by: found.viewer.name }))) return conflict(reply, found.viewer);
    return reply.redirect(`/dossiers/${found.dossier.id}`);
  });

  app.post('/dossiers/:id/delete', async (request, reply) => {
    const found = await dossierFor(request, reply, 'delete');
    if (!found) return reply;
    if (!(await store.deleteDossier(o.db, found.dossier.id))) return conflict(reply, found.viewer);
    return reply.redirect('/?done=deleted');
  });

  app.post('/dossiers/:id/sign', async (request, reply) => {
    const found = await dossierFor(request, reply, 'sign');
    if (!found) return reply;
    if (!(await store.updateDossier(o.db, found.dossier.id, ['draft'], { status: 'signed', signedBy: found.viewer.name, by: found.viewer.name }))) return conflict(reply, found.viewer);
    return reply.redirect(`/dossiers/${found.dossier.id}`);
  });

  app.post('/dossiers/:id/submit', async (request, reply) => {
    const found = await dossierFor(request, reply, 'submit');
    if (!found) return reply;
    if (!(await store.updateDossier(o.db, found.dossier.id, ['signed'], { status: 'submitted', submittedBy: found.viewer.name, by: found.viewer.name }))) return conflict(reply, found.viewer);
    return reply.redirect(`/?done=submitted`);
  });

  return app;
}

const NOTICES: Record<string, string> = { deleted: 'Le dossier est supprimé.', submitted: 'Le dossier est soumis.' };
