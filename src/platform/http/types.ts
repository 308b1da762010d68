import type { VNode } from 'preact';
import type { Lang } from '../i18n/languages';
import type { Translate } from '../i18n/translate';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
    t: Translate;
    /** Who is identified, for the page header; set by the session module. */
    viewer: { name: string } | undefined;
  }
  interface FastifyReply {
    /** Sends a server-rendered page in the request's language, with a fresh CSRF token. */
    render(view: VNode<any>, status?: number): FastifyReply;
  }
  interface FastifyContextConfig {
    /** Set to false on endpoints that machines call with their own credentials (never on forms). */
    csrf?: boolean;
  }
}
