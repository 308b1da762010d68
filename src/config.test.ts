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
    expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/sesame', SMTP_URL: 'smtp://mail:25' }).devTools).toBe(false);
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
