import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loadDemoRegisters } from '../registries/demo';
import { createTestApp, TestBrowser, type TestApp } from '../platform/testing/app';
import { signIn } from '../platform/testing/session';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await loadDemoRegisters(t.ctx.db);
});
afterAll(() => t.close());

describe('single-sign-on session', () => {
  it('lists every digital key on the login page, and marks those below the level asked for as unavailable', async () => {
    const page = await new TestBrowser(t.app, { 'accept-language': 'fr' }).get('/login?loa=high&return=/apps');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Lecteur de carte eID');
    expect(page.body).toMatch(/id="key-eid"><h2><a href="\/login\/eid"/);
    expect(page.body).toMatch(/class="key key--unavailable" id="key-password"/);
    expect(page.body).toContain('Non acceptée ici');
  });

  it('keeps a session alive with activity and ends it after 20 idle minutes', async () => {
    const browser = new TestBrowser(t.app);
    await signIn(t, browser, DEMO.persons.citizen, 'itsme');
    expect((await browser.get('/session/status')).json()).toMatchObject({ active: true });
    t.ctx.clock.advance(19 * 60_000);
    expect((await browser.get('/')).statusCode).toBe(200);
    t.ctx.clock.advance(19 * 60_000);
    expect((await browser.get('/session/status')).json()).toMatchObject({ active: true });
    t.ctx.clock.advance(2 * 60_000);
    expect((await browser.get('/session/status')).json()).toEqual({ active: false });
  });

  it('asking how long is left does not count as activity', async () => {
    const browser = new TestBrowser(t.app);
    await signIn(t, browser, DEMO.persons.citizen, 'itsme');
    for (let minute = 0; minute < 21; minute += 3) {
      t.ctx.clock.advance(3 * 60_000);
      await browser.get('/session/status');
    }
    expect((await browser.get('/session/status')).json()).toEqual({ active: false });
  });

  it('ends at its absolute lifetime whatever the activity', async () => {
    const browser = new TestBrowser(t.app);
    await signIn(t, browser, DEMO.persons.citizen, 'itsme');
    for (let hour = 0; hour < 12; hour++) {
      for (let step = 0; step < 4; step++) {
        t.ctx.clock.advance(15 * 60_000);
        await browser.get('/');
      }
    }
    expect((await browser.get('/session/status')).json()).toEqual({ active: false });
  });

  it('extends on request and ends at logout, with an audit event', async () => {
    const browser = new TestBrowser(t.app);
    await signIn(t, browser, DEMO.persons.citizen, 'itsme');
    await browser.get('/');
    t.ctx.clock.advance(18 * 60_000);
    const extended = await browser.post('/session/extend', {});
    expect(extended.json().active).toBe(true);
    expect(new Date(extended.json().idleDeadline).getTime()).toBe(t.ctx.clock.now().getTime() + 20 * 60_000);
    const out = await browser.post('/logout', {});
    expect(out.statusCode).toBe(303);
    expect((await browser.get('/session/status')).json()).toEqual({ active: false });
    const audit = await t.ctx.db.selectFrom('audit_events').select(['action', 'actor']).where('action', '=', 'authn.logged_out').execute();
    expect(audit).toEqual([{ action: 'authn.logged_out', actor: `person:${DEMO.persons.citizen}` }]);
  });

  it('refuses a logout without the form’s CSRF token', async () => {
    const browser = new TestBrowser(t.app);
    await signIn(t, browser, DEMO.persons.citizen, 'itsme');
    const forged = await t.app.inject({ method: 'POST', url: '/logout', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    expect(forged.statusCode).toBe(403);
    expect((await browser.get('/session/status')).json()).toMatchObject({ active: true });
  });
});
