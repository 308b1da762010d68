import { h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Lang } from '../i18n/languages';

/**
 * Message templates, defined once by the module that sends them, with their
 * text in the four languages and typed parameters. A template is rendered
 * when its message is enqueued, so what was decided in the transaction is
 * exactly what is sent, however late the delivery.
 *
 *   export const invitationEmail = defineEmailTemplate<{ link: string }>('access.invitation', {
 *     en: (p) => ({ subject: 'You are invited', text: `Accept: ${p.link}`, html: <p><a href={p.link}>Accept</a></p> }),
 *     fr: …, nl: …, de: …,
 *   });
 */

/** One language of an e-mail. The HTML part is optional and rendered by Preact, so every value is escaped. */
export interface EmailContent {
  subject: string;
  text: string;
  html?: VNode<any>;
}

export interface EmailTemplate<P> {
  readonly channel: 'email';
  readonly name: string;
  readonly content: Readonly<Record<Lang, (params: P) => EmailContent>>;
}

export interface SmsTemplate<P> {
  readonly channel: 'sms';
  readonly name: string;
  readonly content: Readonly<Record<Lang, (params: P) => string>>;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string | null;
}

type AnyTemplate = EmailTemplate<never> | SmsTemplate<never>;

const registry = new Map<string, AnyTemplate>();

// The name is stored with each message and shown in the mailbox and the logs: dotted, module first.
const NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

function register<T extends AnyTemplate>(template: T): T {
  if (!NAME.test(template.name)) throw new Error(`Template name ${template.name} must read like module.purpose`);
  if (registry.has(template.name)) throw new Error(`Template ${template.name} is defined twice`);
  registry.set(template.name, template);
  return template;
}

export function defineEmailTemplate<P>(name: string, content: Record<Lang, (params: P) => EmailContent>): EmailTemplate<P> {
  return register({ channel: 'email', name, content: Object.freeze({ ...content }) });
}

export function defineSmsTemplate<P>(name: string, content: Record<Lang, (params: P) => string>): SmsTemplate<P> {
  return register({ channel: 'sms', name, content: Object.freeze({ ...content }) });
}

/** Every template defined so far, e.g. for a preview page. */
export function registeredTemplates(): AnyTemplate[] {
  return [...registry.values()];
}

export function renderEmail<P>(template: EmailTemplate<P>, lang: Lang, params: P): RenderedEmail {
  const content = template.content[lang](params);
  // A line break in a subject would end the header: keep it on one line.
  const subject = content.subject.replace(/\s+/g, ' ').trim();
  const html = content.html
    ? '<!doctype html>' +
      renderToString(
        h('html', { lang }, h('head', null, h('meta', { charset: 'utf-8' }), h('title', null, subject)), h('body', null, content.html)),
      )
    : null;
  return { subject, text: content.text, html };
}

export function renderSms<P>(template: SmsTemplate<P>, lang: Lang, params: P): string {
  return template.content[lang](params).trim();
}
