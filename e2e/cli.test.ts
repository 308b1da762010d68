import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/database';

const bin = path.join(import.meta.dirname, '../bin/sesame.js');
const dataDir = mkdtempSync(path.join(tmpdir(), 'sesame-cli-'));
// The command line always runs on its own embedded database here, whatever DATABASE_URL the suite has.
// Every listener on a port of its own, so the test never meets a developer's running server.
const env = {
  ...process.env,
  DATABASE_URL: '',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'info',
  NODE_ENV: 'test',
  PORT: '0',
  EID_PORT: '0',
  ITSME_DEMO_PORT: String(20_000 + Math.floor(Math.random() * 20_000)),
  // Below Linux's ephemeral range (32768+), where the listeners on port 0 land: a random port there could be taken.
  MON_ESPACE_PORT: String(10_000 + Math.floor(Math.random() * 10_000)),
};
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function run(args: string[], extraEnv: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...env, ...extraEnv } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `sesame serve`, waits for its address, and returns it with a way to stop it gracefully. */
async function serve() {
  const child = spawn(process.execPath, [bin, 'serve'], { env });
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const match = /"address":"(http:\/\/[^"]+)"/.exec(out);
      if (match) resolve(match[1]!.replace('127.0.0.1', 'localhost'));
    });
    child.on('close', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
  return {
    address,
    stop: () =>
      new Promise<number | null>((resolve) => {
        child.on('close', resolve);
        child.kill('SIGTERM');
      }),
  };
}

describe('the sesame command', () => {
  it('stops the start with one clear line on a bad configuration value', async () => {
    const result = await run(['serve'], { PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('Invalid configuration: PORT="eighty": expected a port number');
  });

  it('serves the platform with the demo registers, shuts down gracefully, and keeps its data across a restart', async () => {
    const onDisk = async () => {
      const db = openDatabase({ dataDir: path.join(dataDir, 'pglite') });
      const secret = await db.selectFrom('settings').select('value').where('key', '=', 'cookie_secret').executeTakeFirst();
      const persons = await sql<{ n: number }>`select count(*)::int as n from register_persons`.execute(db);
      await db.destroy();
      return { secret: secret?.value, persons: persons.rows[0]!.n };
    };
    const first = await serve();
    const page = await fetch(`${first.address}/`, { headers: { 'accept-language': 'en' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Welcome to Sésame');
    expect(await first.stop()).toBe(0);
    const afterFirstStart = await onDisk();
    expect(afterFirstStart.secret).toMatch(/^[\w-]{43}$/);
    expect(afterFirstStart.persons).toBeGreaterThan(10);

    const second = await serve();
    expect((await fetch(`${second.address}/health/ready`)).status).toBe(200);
    expect(await second.stop()).toBe(0);
    expect(await onDisk()).toEqual(afterFirstStart);
    // Two starts of the whole platform on embedded databases (migrations, demo data, Mon Espace and its own database):
    // 23 s on an idle 2-core machine, past 30 s while the rest of the suite runs beside it.
  }, 90_000);

  it('imports register files and reloads the demo set without duplicating it', async () => {
    const imported = await run(['import-registers', path.join(import.meta.dirname, '../demo/registers')]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/persons\.csv/);
    const demo = await run(['demo-data']);
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain('Demo registers loaded.');
    // serve (the test above, same data directory) may have registered it already.
    expect(demo.stdout).toMatch(/Demo enterprise Ateliers Zéphyr(: already)? registered/);
    const again = await run(['demo-data']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Demo enterprise Ateliers Zéphyr: already registered.');
    const missing = await run(['import-registers', path.join(dataDir, 'no-such-dir')]);
    expect(missing.code).toBe(1);
  });

  it('runs every scheduled job once on demand', async () => {
    const result = await run(['jobs', 'run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('token-cards.deactivate-unused: 0');
    expect(result.stdout).toContain('memberships.end-expired: {"ended":0}');
  });

  it('audit verify reports an intact log, then catches a tampered event', async () => {
    const db = openDatabase({ dataDir: path.join(dataDir, 'pglite') });
    const { recordAudit } = await import('../src/platform/audit/audit');
    // The earlier tests' starts left events of their own (catalog applied, demo enterprise registered).
    const before = (await sql<{ n: number }>`select count(*)::int as n from audit_events`.execute(db)).rows[0]!.n;
    for (const action of ['test.one', 'test.two']) {
      await db.transaction().execute((trx) => recordAudit(trx, new Date(), { actor: 'system', action }));
    }
    await db.destroy();
    const intact = await run(['audit', 'verify']);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain(`Audit log intact: ${before + 2} events verified.`);

    const tamper = openDatabase({ dataDir: path.join(dataDir, 'pglite') });
    await sql`alter table audit_events disable trigger audit_events_append_only`.execute(tamper);
    await sql`update audit_events set actor = 'person:00000000000' where seq = 1`.execute(tamper);
    await tamper.destroy();
    const broken = await run(['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('Audit log broken at event 1: altered');
  });
});
