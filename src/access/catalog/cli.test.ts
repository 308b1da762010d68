import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DOMAINS_YAML, applicationYaml, roleYaml, writeCatalog } from './test-files';

const bin = path.join(import.meta.dirname, '../../../bin/sesame.js');
const dataDir = mkdtempSync(path.join(tmpdir(), 'sesame-catalog-cli-'));
const env = { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent' };
const bad = writeCatalog({ 'domains.yaml': DOMAINS_YAML, 'applications/espace.yaml': applicationYaml('espace', roleYaml('signer', 'read, sign')) });
afterAll(() => {
  bad.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

function run(args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('sesame catalog', () => {
  it('check accepts the shipped catalog', async () => {
    const result = await run(['catalog', 'check']);
    expect(result.stderr).not.toMatch(/problem/);
    expect(result.stdout).toMatch(/^Catalog \(catalog\/roles\) is valid: \d+ domains, \d+ applications, \d+ roles\.$/m);
    expect(result.code).toBe(0);
  });

  it('check refuses a bad file with its file, line and reason, and exits with 1', async () => {
    const result = await run(['catalog', 'check', '--dir', bad.dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${path.join(bad.dir, 'applications/espace.yaml')}:16: roles[0].permissions[1]: unknown permission "sign" (espace has read, modify)`);
  });

  it('apply refuses the same file, applies nothing, and exits with 1', async () => {
    const result = await run(['catalog', 'apply', '--dir', bad.dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/espace\.yaml:16: .*unknown permission "sign"[\s\S]*Nothing applied\./);
  });
});
