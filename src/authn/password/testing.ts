import { stepAt, totpCodeAt } from '../codes/totp/model';
import type { TestApp, TestBrowser } from '../../platform/testing/app';

/** The current session's level and key, as stored. */
export async function latestSession(t: TestApp) {
  return t.ctx.db.selectFrom('sso_sessions').select(['loa', 'key']).where('ended_at', 'is', null).orderBy('created_at', 'desc').executeTakeFirst();
}

/** The latest message the outbox holds for a recipient, and the 6-digit code in it. */
export async function lastCodeSentTo(t: TestApp, recipient: string): Promise<string> {
  const message = await t.ctx.db.selectFrom('outbox_messages').select('body_text').where('recipient', '=', recipient).orderBy('id', 'desc').executeTakeFirstOrThrow();
  return /\b(\d{6})\b/.exec(message.body_text)![1]!;
}

/** A TOTP code of the test clock's current step (or of another step). */
export function totpNow(t: TestApp, secret: string, steps = 0) {
  return totpCodeAt(secret, new Date(t.ctx.clock.now().getTime() + steps * 30_000));
}

export { stepAt };

/** Starts a login for an application of a level, then types a username and password. */
export async function typePassword(browser: TestBrowser, form: { username: string; password: string }, options: { code?: string; loa?: string } = {}) {
  await browser.get(`/login?${new URLSearchParams({ loa: options.loa ?? 'low', return: '/apps' })}`);
  const path = options.code ? `/login/password?code=${options.code}` : '/login/password';
  await browser.get(path);
  return browser.post(path, form);
}
