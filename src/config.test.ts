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
});
