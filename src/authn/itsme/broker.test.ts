import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSesameWithItsmeDemo, type SesameWithItsmeDemo } from '../itsme-demo/testing';

/** A browser without JavaScript: a cookie jar for localhost and redirects followed by hand. */
class Walker {
  private cookies = new Map<string, string>();

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { 'accept-language': 'fr-BE' };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const [name = '', ...value] = pair.split('=');
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value.join('=') === '') this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
    const location = response.headers.get('location');
    return { status: response.status, location: location ? new URL(location, url).href : undefined, body: await response.text() };
  }

  /** Follows redirects from `url`, letting `tamper` change a location on the way; stops at the first non-redirect or where `stop` says. */
  async follow(url: string, options: { form?: Record<string, string>; stop?: (url: string) => boolean; tamper?: (url: string) => string } = {}) {
    let response = await this.request(url, { form: options.form });
    let current = url;
    while (response.location && !options.stop?.(response.location)) {
      current = options.tamper ? options.tamper(response.location) : response.location;
      response = await this.request(current);
    }
    return { ...response, url: current };
  }
}

describe('the itsme broker against the demo itsme provider, both on real ports', () => {
  let env: SesameWithItsmeDemo;
  beforeAll(async () => {
    env = await startSesameWithItsmeDemo();
  });
  afterAll(async () => {
    await env?.close();
  });

  /** /login → itsme → phone number; returns the "app" page URL. */
  async function upToTheApp(walker: Walker, phone: string) {
    await walker.request(`${env.baseUrl}/login?return=/session/status&loa=high`);
    const phonePage = await walker.follow(`${env.baseUrl}/login/itsme`);
    expect(phonePage.url.startsWith(`${env.demoUrl}/interaction/`)).toBe(true);
    expect(phonePage.body).toContain('Démo — ceci n’est pas itsme');
    const app = await walker.follow(phonePage.url, { form: { phone } });
    expect(app.status).toBe(200);
    expect(app.body).toContain('Sésame vous demande de vous identifier.');
    return app.url;
  }

  const auditEvents = (action: string) =>
    env.ctx.db.selectFrom('audit_events').select(['actor', 'target', 'details']).where('action', '=', action).orderBy('seq').execute();

  it('serves the public halves of its client keys, one to sign and one to decrypt, and no private part', async () => {
    const response = await fetch(`${env.baseUrl}/login/itsme/jwks.json`);
    const jwks = (await response.json()) as { keys: Array<Record<string, string>> };
    expect(jwks.keys.map((k) => [k.use, k.alg])).toEqual([['sig', 'RS256'], ['enc', 'RSA-OAEP-256']]);
    expect(jwks.keys.some((k) => 'd' in k || 'p' in k)).toBe(false);
  });

  it('the demo provider announces what itsme speaks: private_key_jwt, encrypted ID tokens, pairwise sub, the itsme acr values', async () => {
    const discovery = (await (await fetch(`${env.demoUrl}/.well-known/openid-configuration`)).json()) as Record<string, string[]>;
    expect(discovery.token_endpoint_auth_methods_supported).toEqual(['private_key_jwt']);
    expect(discovery.id_token_encryption_alg_values_supported).toEqual(['RSA-OAEP-256']);
    expect(discovery.id_token_encryption_enc_values_supported).toEqual(['A128CBC-HS256']);
    expect(discovery.subject_types_supported).toEqual(['pairwise']);
    expect(discovery.acr_values_supported).toEqual(['http://itsme.services/v2/claim/acr_basic', 'http://itsme.services/v2/claim/acr_advanced']);
    expect(discovery.claims_supported).toContain('http://itsme.services/v2/claim/BENationalNumber');
  });

  it('a person who confirms in the app is identified at the high level and sent back', async () => {
    const walker = new Walker();
    const app = await upToTheApp(walker, '+32 470 12 34 02');
    // What travels between Sésame and the provider: the broker shares this process's fetch.
    const seen: Array<{ url: string; contentType: string | null; body: string }> = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      const response = await realFetch(input, init);
      const url = String(input instanceof Request ? input.url : input);
      if (url.startsWith(env.demoUrl)) seen.push({ url, contentType: response.headers.get('content-type'), body: await response.clone().text() });
      return response;
    };
    const back = await walker
      .follow(app, { form: { decision: 'confirm' }, stop: (url) => url.startsWith(`${env.baseUrl}/session/status`) })
      .finally(() => (globalThis.fetch = realFetch));
    const token = seen.find((s) => s.url.endsWith('/token'));
    const idToken = (JSON.parse(token!.body) as { id_token: string }).id_token;
    expect(idToken.split('.')).toHaveLength(5);
    expect(JSON.parse(Buffer.from(idToken.split('.')[0]!, 'base64url').toString())).toMatchObject({ alg: 'RSA-OAEP-256', enc: 'A128CBC-HS256', cty: 'JWT' });
    const userinfo = seen.find((s) => s.url.endsWith('/me'));
    expect(userinfo?.contentType).toContain('application/jwt');
    expect(userinfo?.body.split('.')).toHaveLength(5);
    expect(back.url.startsWith(`${env.baseUrl}/login/itsme/callback?`)).toBe(true);
    expect(back.location).toBe(`${env.baseUrl}/session/status`);
    const status = JSON.parse((await walker.request(`${env.baseUrl}/session/status`)).body) as { active: boolean };
    expect(status.active).toBe(true);
    const [identified] = await auditEvents('authn.identified');
    expect(identified).toMatchObject({ actor: 'person:85021113771', details: { key: 'itsme', loa: 'high' } });
  });

  it('a person who refuses in the app is not identified, is told so, and the refusal is audited', async () => {
    const walker = new Walker();
    const app = await upToTheApp(walker, '0470123403');
    const back = await walker.follow(app, { form: { decision: 'refuse' } });
    expect(back.status).toBe(403);
    expect(back.body).toContain('Vous avez refusé la demande dans l’application itsme.');
    expect(JSON.parse((await walker.request(`${env.baseUrl}/session/status`)).body)).toEqual({ active: false });
    expect((await auditEvents('authn.itsme.refused')).map((e) => e.details.reason)).toContain('access_denied');
  });

  it('an answer whose state is not the one this browser sent is ignored, even with a valid code', async () => {
    const walker = new Walker();
    const app = await upToTheApp(walker, '+32470123401');
    const back = await walker.follow(app, {
      form: { decision: 'confirm' },
      tamper: (url) => (url.includes('/login/itsme/callback') ? url.replace(/state=[^&]+/, 'state=forged') : url),
    });
    expect(back.status).toBe(400);
    expect(back.body).toContain('ne correspond pas à l’identification commencée dans ce navigateur');
    expect(JSON.parse((await walker.request(`${env.baseUrl}/session/status`)).body)).toEqual({ active: false });
    expect((await auditEvents('authn.itsme.refused')).map((e) => e.details.reason)).toContain('state_mismatch');
  });

  it('a callback without an identification in progress is refused as expired', async () => {
    const walker = new Walker();
    const back = await walker.request(`${env.baseUrl}/login/itsme/callback?code=abc&state=xyz`);
    expect(back.status).toBe(400);
    expect(back.body).toContain('a pris trop de temps');
  });

  it('an itsme account without a Belgian national number is refused', async () => {
    const walker = new Walker();
    const app = await upToTheApp(walker, '+32470123498');
    const back = await walker.follow(app, { form: { decision: 'confirm' } });
    expect(back.status).toBe(403);
    expect(back.body).toContain('itsme n’a pas communiqué votre numéro de registre national belge');
    const refusals = await auditEvents('authn.itsme.refused');
    expect(refusals.at(-1)).toMatchObject({ actor: 'anonymous', details: { reason: 'no_national_number' } });
  });

  it('an identification at acr_basic is refused: the itsme key promises the high level', async () => {
    const walker = new Walker();
    const app = await upToTheApp(walker, '+32470123499');
    const back = await walker.follow(app, { form: { decision: 'confirm' } });
    expect(back.status).toBe(403);
    expect(back.body).toContain('niveau de sécurité « avancé »');
    const refusals = await auditEvents('authn.itsme.refused');
    expect(refusals.at(-1)).toMatchObject({
      actor: 'person:90090324665',
      details: { reason: 'acr_too_low', detail: 'http://itsme.services/v2/claim/acr_basic' },
    });
    expect(JSON.parse((await walker.request(`${env.baseUrl}/session/status`)).body)).toEqual({ active: false });
  });

  it('the demo provider asks again for a phone number it does not know', async () => {
    const walker = new Walker();
    await walker.request(`${env.baseUrl}/login`);
    const phonePage = await walker.follow(`${env.baseUrl}/login/itsme`);
    const again = await walker.request(phonePage.url, { form: { phone: '+32 499 99 99 99' } });
    expect(again.status).toBe(400);
    expect(again.body).toContain('Aucun compte itsme n’existe pour ce numéro de téléphone.');
    expect(again.body).toContain('Démo — ceci n’est pas itsme');
  });
});
