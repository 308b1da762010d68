import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('configuration', () => {
  it('works with no configuration at all', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.demoData).toBe(true);
  });

  it('refuses a bad port with one line naming the variable and what is expected', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrowError(/^Invalid configuration: PORT="eighty": expected a port number$/);
  });

  it('refuses a database URL that is not PostgreSQL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://localhost/x' })).toThrowError(/DATABASE_URL=.*expected a URL starting with postgres:/);
  });

  it('refuses an unknown language', () => {
    expect(() => loadConfig({ DEFAULT_LANGUAGE: 'es' })).toThrowError(/DEFAULT_LANGUAGE="es": expected nl, fr, de or en/);
  });

  it('requires PostgreSQL in production, where several nodes share the state', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrowError(/DATABASE_URL is required/);
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/sesame' })).toThrowError(/SMTP_URL is required/);
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/sesame', SMTP_URL: 'smtp://mail:25' })).toThrowError(
      /^Invalid configuration: SMS_GATEWAY_URL is required when NODE_ENV=production/,
    );
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/sesame', SMTP_URL: 'smtp://mail:25', SMS_GATEWAY_URL: 'https://sms.example/v1/messages', SMS_GATEWAY_TOKEN: 'token-of-the-sms-gateway' };
    expect(loadConfig(production).devTools).toBe(false);
  });

  it('takes an SMS gateway as a URL with its bearer token, and keeps SMS in the local mailbox without one', () => {
    expect(loadConfig({}).smsGateway).toBeUndefined();
    expect(loadConfig({ SMS_GATEWAY_URL: 'https://sms.example/v1/messages', SMS_GATEWAY_TOKEN: 'token-of-the-sms-gateway' }).smsGateway).toEqual({
      url: 'https://sms.example/v1/messages',
      token: 'token-of-the-sms-gateway',
    });
    expect(() => loadConfig({ SMS_GATEWAY_URL: 'https://sms.example/v1/messages' })).toThrowError(/SMS_GATEWAY_TOKEN is required when SMS_GATEWAY_URL is set/);
    expect(() => loadConfig({ SMS_GATEWAY_URL: 'sms.example' })).toThrowError(/^Invalid configuration: SMS_GATEWAY_URL="sms.example": expected a URL starting with https:\/\/ or http:\/\//);
    expect(() => loadConfig({ SMS_GATEWAY_URL: 'https://sms.example/', SMS_GATEWAY_TOKEN: 'short' })).toThrowError(/SMS_GATEWAY_TOKEN=.*at least 16 characters/);
  });

  it('checks eID certificates by OCSP only when asked: a fixed responder, or the one each certificate names', () => {
    expect(loadConfig({}).eid.ocsp).toEqual({ mode: 'off' });
    expect(loadConfig({ EID_OCSP: 'on' }).eid.ocsp).toEqual({ mode: 'aia' });
    expect(loadConfig({ EID_OCSP_URL: 'http://ocsp.eid.belgium.be/' }).eid.ocsp).toEqual({ mode: 'url', url: 'http://ocsp.eid.belgium.be/' });
    expect(loadConfig({ EID_OCSP: 'on', EID_OCSP_URL: 'http://ocsp.eid.belgium.be/' }).eid.ocsp).toEqual({ mode: 'url', url: 'http://ocsp.eid.belgium.be/' });
    expect(() => loadConfig({ EID_OCSP: 'yes' })).toThrowError(/^Invalid configuration: EID_OCSP="yes": expected on or off$/);
    expect(() => loadConfig({ EID_OCSP: 'off', EID_OCSP_URL: 'http://ocsp.eid.belgium.be/' })).toThrowError(/EID_OCSP=off contradicts EID_OCSP_URL/);
  });

  it('adds the configured acr aliases to the FAS ones', () => {
    expect(loadConfig({}).acrAliases).toMatchObject({ 'urn:be:fedict:iam:fas:Level500': 'high' });
    const config = loadConfig({ ACR_ALIASES: ' urn:example:loa:2=substantial , urn:example:loa:3=high' });
    expect(config.acrAliases).toMatchObject({ 'urn:example:loa:2': 'substantial', 'urn:example:loa:3': 'high', 'urn:be:fedict:iam:fas:Level400': 'substantial' });
    expect(Object.isFrozen(config.acrAliases)).toBe(true);
  });

  it('refuses a bad acr alias with one line naming the variable and the alias', () => {
    expect(() => loadConfig({ ACR_ALIASES: 'urn:example:loa:3=very-high' })).toThrowError(
      /^Invalid configuration: ACR_ALIASES="urn:example:loa:3=very-high": expected the level low, substantial or high for "urn:example:loa:3", got "very-high"$/,
    );
    expect(() => loadConfig({ ACR_ALIASES: 'urn:example:loa:3' })).toThrowError(/ACR_ALIASES=.*expected alias=level pairs separated by commas/);
    expect(() => loadConfig({ ACR_ALIASES: 'urn:be:fedict:iam:fas:Level500=low' })).toThrowError(/already a built-in acr value/);
  });
});
