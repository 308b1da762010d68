import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { TestClock } from '../../platform/clock';
import { createTestDatabase, type TestDatabase } from '../../platform/testing/database';
import { applyCatalog } from './apply';
import { CatalogError } from './loader';
import { catalogOf } from './service';
import { DOMAINS_YAML, all, applicationYaml, roleYaml, writeCatalog } from './test-files';

let t: TestDatabase;
const clock = new TestClock();
const ctxWith = (demoData: boolean) => ({ db: t.db, clock, config: loadConfig({ NODE_ENV: 'test', DEMO_DATA: String(demoData) }) });
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
});
afterEach(() => cleanups.splice(0).forEach((c) => c()));
afterAll(() => t.drop());

function catalogDir(files: Record<string, string>) {
  const c = writeCatalog({ 'domains.yaml': DOMAINS_YAML, ...files });
  cleanups.push(c.cleanup);
  return c;
}

const auditEvents = () => t.db.selectFrom('audit_events').select(['actor', 'action', 'details']).where('action', '=', 'catalog.applied').orderBy('seq').execute();
const roleRows = () => t.db.selectFrom('catalog_roles').select(['application_id', 'code', 'position', 'retired_at', 'permissions']).orderBy('application_id').orderBy('code').execute();

describe('applying the catalog', () => {
  it('writes the files, is idempotent, retires what disappears and restores what comes back', async () => {
    const c = catalogDir({ 'applications/espace.yaml': applicationYaml('espace', roleYaml('writer', 'read, modify') + roleYaml('reader', 'read')) });
    const ctx = ctxWith(true);

    const first = await applyCatalog(ctx, c.dir);
    expect(first.changed).toBe(true);
    expect(first.roles.added).toEqual(['espace/writer', 'espace/reader']);
    const catalog = await catalogOf(ctx);
    expect(catalog.rolesOf('espace').map((r) => r.code)).toEqual(['writer', 'reader']);
    expect(catalog.role('espace', 'writer')?.permissions).toEqual(['read', 'modify']);
    expect(catalog.domain('walloon_region')?.names.de).toBe('Wallonia de');

    // The same files again: nothing written, no second audit event.
    const again = await applyCatalog(ctx, c.dir);
    expect(again.changed).toBe(false);
    expect(await auditEvents()).toHaveLength(1);

    // A role removed from the files is retired, not deleted; the catalog no longer shows it.
    clock.advance(60_000);
    c.write({ 'applications/espace.yaml': applicationYaml('espace', roleYaml('writer', 'read, modify')) });
    const removed = await applyCatalog(ctx, c.dir);
    expect(removed.roles).toMatchObject({ retired: ['espace/reader'], added: [], updated: [] });
    expect((await roleRows()).find((r) => r.code === 'reader')?.retired_at).toEqual(clock.now());
    expect((await catalogOf(ctx)).role('espace', 'reader')).toBeUndefined();

    // It comes back changed and first: restored, with its new content and place.
    c.write({ 'applications/espace.yaml': applicationYaml('espace', roleYaml('reader', 'read, modify') + roleYaml('writer', 'read, modify')) });
    const back = await applyCatalog(ctx, c.dir);
    expect(back.roles).toMatchObject({ restored: ['espace/reader'], reordered: ['espace/writer'] });
    expect(await roleRows()).toEqual([
      { application_id: 'espace', code: 'reader', position: 0, retired_at: null, permissions: ['read', 'modify'] },
      { application_id: 'espace', code: 'writer', position: 1, retired_at: null, permissions: ['read', 'modify'] },
    ]);
    expect((await catalogOf(ctx)).rolesOf('espace').map((r) => r.code)).toEqual(['reader', 'writer']);

    const events = await auditEvents();
    expect(events).toHaveLength(3);
    expect(events[1]).toMatchObject({ actor: 'system', details: { roles: { retired: ['espace/reader'] } } });
    expect(events[1]!.details).not.toHaveProperty('domains');
  });

  it('updates a changed text and retires a whole application with its roles', async () => {
    const c = catalogDir({
      'applications/espace.yaml': applicationYaml('espace', roleYaml('writer', 'read, modify') + roleYaml('reader', 'read')),
      'applications/other.yaml': applicationYaml('other', roleYaml('user', 'read')),
    });
    const ctx = ctxWith(true);
    await applyCatalog(ctx, c.dir);
    c.remove('applications/other.yaml');
    c.write({ 'applications/espace.yaml': applicationYaml('espace', roleYaml('writer', 'read, modify') + roleYaml('reader', 'read').replace(`name: ${all('reader')}`, `name: ${all('Reviewer')}`)) });
    const applied = await applyCatalog(ctx, c.dir);
    expect(applied.applications.retired).toEqual(['other']);
    expect(applied.roles).toMatchObject({ updated: ['espace/reader'], retired: ['other/user'] });
    const catalog = await catalogOf(ctx);
    expect(catalog.application('other')).toBeUndefined();
    expect(catalog.role('espace', 'reader')?.names.en).toBe('Reviewer en');
  });

  it('applies demo-only entries only with demo data', async () => {
    const c = catalogDir({
      'applications/espace.yaml': applicationYaml('espace', roleYaml('writer', 'read, modify') + roleYaml('trial', 'read', '    demo: true\n')),
      'applications/sandbox.yaml': applicationYaml('sandbox', roleYaml('user', 'read'), 'demo: true\n'),
    });
    await applyCatalog(ctxWith(false), c.dir);
    let catalog = await catalogOf(ctxWith(false));
    expect(catalog.applications.map((a) => a.id)).toEqual(['espace']);
    expect(catalog.rolesOf('espace').map((r) => r.code)).toEqual(['writer']);

    await applyCatalog(ctxWith(true), c.dir);
    catalog = await catalogOf(ctxWith(true));
    expect(catalog.applications.map((a) => a.id)).toEqual(['espace', 'sandbox']);
    expect(catalog.rolesOf('espace').map((r) => r.code)).toEqual(['writer', 'trial']);
  });

  it('refuses an invalid directory and changes nothing', async () => {
    const ctx = ctxWith(true);
    const before = await roleRows();
    const c = catalogDir({ 'applications/espace.yaml': applicationYaml('espace', roleYaml('writer', 'read, write')) });
    const error = await applyCatalog(ctx, c.dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogError);
    expect((error as CatalogError).message).toMatch(/applications\/espace\.yaml:16: roles\[0\]\.permissions\[1\]: unknown permission "write"/);
    expect(await roleRows()).toEqual(before);
  });
});
