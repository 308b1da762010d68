import { describe, expect, it } from 'vitest';
import { FAS_ACR } from '../authn/loa';
import { createTestDatabase } from '../platform/testing/database';
import { loadConfig } from '../config';
import { TestClock } from '../platform/clock';
import { attributesFor, chooseAcs, classRefFor, escapeXml, freshEnough, levelForAuthnRequest, serviceProviderOf, SAML } from './model';
import { applyServiceProviderCatalog, listServiceProviders } from './service-providers';

const person = { id: 'b1c2', nrn: '85021113771', givenName: 'Pieter', familyName: 'Claes', email: 'pieter@example.be', language: 'nl' };

describe('choosing the assertion consumer service', () => {
  const sp = { acsUrls: ['https://sp.example/acs', 'https://sp.example/acs2'] };

  it('takes a registered URL only when it matches exactly', () => {
    expect(chooseAcs(sp, { acsUrl: 'https://sp.example/acs2', acsIndex: undefined, protocolBinding: undefined })).toEqual({ ok: true, url: 'https://sp.example/acs2' });
    expect(chooseAcs(sp, { acsUrl: 'https://sp.example/ACS', acsIndex: undefined, protocolBinding: undefined })).toEqual({ ok: false, reason: 'unknown_acs' });
  });

  it('reads an index into the registered URLs, and defaults to the first', () => {
    expect(chooseAcs(sp, { acsUrl: undefined, acsIndex: '1', protocolBinding: undefined })).toEqual({ ok: true, url: 'https://sp.example/acs2' });
    expect(chooseAcs(sp, { acsUrl: undefined, acsIndex: '7', protocolBinding: undefined })).toEqual({ ok: false, reason: 'unknown_acs' });
    expect(chooseAcs(sp, { acsUrl: undefined, acsIndex: undefined, protocolBinding: undefined })).toEqual({ ok: true, url: 'https://sp.example/acs' });
  });

  it('answers with the HTTP-POST binding only', () => {
    expect(chooseAcs(sp, { acsUrl: undefined, acsIndex: undefined, protocolBinding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact' })).toEqual({ ok: false, reason: 'unsupported_binding' });
  });
});

describe('levels and class refs', () => {
  it('the SP minimum is raised by a FAS class ref, never lowered', () => {
    expect(levelForAuthnRequest('low', ['urn:be:fedict:iam:fas:Level400'])).toBe('substantial');
    expect(levelForAuthnRequest('high', ['urn:be:fedict:iam:fas:Level200'])).toBe('high');
    expect(levelForAuthnRequest('low', ['urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport'])).toBe('low');
  });

  it('asserts the key’s FAS level by default, and an SP’s own words when it asked in them', () => {
    expect(classRefFor({ loa: 'high', key: 'eid' }, [])).toBe('urn:be:fedict:iam:fas:Level500');
    expect(classRefFor({ loa: 'substantial', key: 'passkey' }, ['urn:be:fedict:iam:fas:Level200'])).toBe('urn:be:fedict:iam:fas:Level400');
    expect(classRefFor({ loa: 'high', key: 'eid' }, ['urn:example:loa:2'], { ...FAS_ACR, 'urn:example:loa:2': 'substantial' })).toBe('urn:example:loa:2');
  });

  it('a request is fresh within five minutes of our clock, either way', () => {
    const now = new Date('2026-11-24T10:00:00Z');
    expect(freshEnough('2026-11-24T09:56:00Z', now)).toBe(true);
    expect(freshEnough('2026-11-24T09:54:00Z', now)).toBe(false);
    expect(freshEnough('2026-11-24T10:06:00Z', now)).toBe(false);
    expect(freshEnough(undefined, now)).toBe(false);
  });
});

describe('attributes', () => {
  it('withholds egovNRN unless the SP consents, and always gives the stable fedid', () => {
    const without = attributesFor(person, { releaseNrn: false });
    expect(without.map((a) => a.name)).toEqual(['urn:be:fedict:iam:attr:fedid', 'givenName', 'surname', 'mail', 'PrefLanguage']);
    expect(without[0]).toEqual({ name: 'urn:be:fedict:iam:attr:fedid', nameFormat: SAML.uriName, values: ['b1c2'] });
    expect(attributesFor(person, { releaseNrn: true }).find((a) => a.name === 'egovNRN')?.values).toEqual(['85021113771']);
  });

  it('gives roles as one value each, and no roles attribute without any', () => {
    expect(attributesFor(person, { releaseNrn: false }, ['Encoder:0723641873', 'Viewer:2145879632']).at(-1)).toEqual({ name: 'roles', nameFormat: SAML.basicName, values: ['Encoder:0723641873', 'Viewer:2145879632'] });
    expect(attributesFor(person, { releaseNrn: false }, []).some((a) => a.name === 'roles')).toBe(false);
  });

  it('escapes what goes into the XML', () => {
    expect(escapeXml(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
  });
});

describe('registration', () => {
  it('a certificate means signed requests, unless said otherwise', async () => {
    const certificate = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    expect(serviceProviderOf({ entity_id: 'urn:sp', acs: ['https://sp/acs'], certificate }, 'cli').requestsSigned).toBe(true);
    expect(serviceProviderOf({ entity_id: 'urn:sp', acs: ['https://sp/acs'], certificate, requests_signed: false }, 'cli').requestsSigned).toBe(false);
    expect(() => serviceProviderOf({ entity_id: 'urn:sp', acs: ['https://sp/acs'], requests_signed: true }, 'cli')).toThrow();
    expect(() => serviceProviderOf({ entity_id: 'urn:sp', acs: [] }, 'cli')).toThrow();
  });

  it('the shipped catalog file registers its demo SP only with demo data', async () => {
    const { db, drop } = await createTestDatabase();
    try {
      const clock = new TestClock();
      await applyServiceProviderCatalog({ db, clock, config: loadConfig({ NODE_ENV: 'test' }) }, 'catalog/clients.yaml', () => {});
      expect((await listServiceProviders({ db })).map((sp) => sp.entityId)).toEqual(['http://localhost:3002/saml/metadata']);
      await applyServiceProviderCatalog({ db, clock, config: loadConfig({ NODE_ENV: 'test', DEMO_DATA: 'false' }) }, 'catalog/clients.yaml', () => {});
      expect(await listServiceProviders({ db })).toEqual([]);
    } finally {
      await drop();
    }
  });
});
