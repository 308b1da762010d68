import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCatalogDir, withoutDemo, formatProblem } from './loader';
import { DOMAINS_YAML, all, applicationYaml, roleYaml, writeCatalog } from './test-files';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** Problems of a catalog made of domains.yaml plus these files, as "file:line: message" relative to the folder. */
function problemsOf(files: Record<string, string>, domains = DOMAINS_YAML): string[] {
  const c = writeCatalog({ 'domains.yaml': domains, ...files });
  cleanups.push(c.cleanup);
  return readCatalogDir(c.dir).problems.map((p) => formatProblem({ ...p, file: path.relative(c.dir, p.file) }));
}

const app = 'applications/espace.yaml';

describe('reading the catalog files', () => {
  it('accepts a well-formed catalog and keeps the files order', () => {
    const c = writeCatalog({
      'domains.yaml': DOMAINS_YAML,
      [app]: applicationYaml('espace', roleYaml('b-writer', 'modify, read') + roleYaml('a-reader', 'read')),
      'README.md': 'notes are allowed',
    });
    cleanups.push(c.cleanup);
    const { catalog, problems } = readCatalogDir(c.dir);
    expect(problems).toEqual([]);
    expect(catalog.domains.map((d) => d.id)).toEqual(['finances', 'walloon_region']);
    expect(catalog.roles.map((r) => r.code)).toEqual(['b-writer', 'a-reader']);
    // Permissions in the application's order, defaults filled in.
    expect(catalog.roles[0]).toMatchObject({ permissions: ['read', 'modify'], approval: 'manager', endDateRequired: false, unitKind: null, minLoa: 'low' });
  });

  it('names the file, the line and the reason of an unknown key', () => {
    expect(problemsOf({ [app]: applicationYaml('espace', roleYaml('reader', 'read', '    colour: blue\n')) })).toEqual([
      'applications/espace.yaml:17: roles[0].colour: unknown key "colour"',
    ]);
  });

  it('refuses a text that lacks a language, at the line of the text', () => {
    const text = applicationYaml('espace', roleYaml('reader', 'read')).replace(`name: ${all('reader')}`, 'name: { nl: Lezer, fr: Lecteur, en: Reader }');
    expect(problemsOf({ [app]: text })).toEqual(['applications/espace.yaml:13: roles[0].name.de: is missing']);
  });

  it('refuses a permission the application does not have, at its line', () => {
    const roles = roleYaml('reader', 'read') + roleYaml('signer', 'read,\n      sign');
    expect(problemsOf({ [app]: applicationYaml('espace', roles) })).toEqual([
      'applications/espace.yaml:22: roles[1].permissions[1]: unknown permission "sign" (espace has read, modify)',
    ]);
  });

  it('refuses duplicate role codes and duplicate domains', () => {
    expect(problemsOf({ [app]: applicationYaml('espace', roleYaml('reader', 'read') + roleYaml('reader', 'modify')) })).toEqual([
      'applications/espace.yaml:17: roles[1].code: duplicate role "reader"',
    ]);
    expect(problemsOf({}, DOMAINS_YAML + `  - id: finances\n    name: ${all('Again')}\n`)).toEqual(['domains.yaml:6: domains[2].id: duplicate domain "finances"']);
  });

  it('refuses an application of an unknown domain, a bad level and an unknown unit kind', () => {
    const text = applicationYaml('espace', roleYaml('reader', 'read', '    unit_kind: branch\n    min_loa: medium\n')).replace('domain: walloon_region', 'domain: brussels');
    expect(problemsOf({ [app]: text })).toEqual([
      'applications/espace.yaml:17: roles[0].unit_kind: expected establishment, capacity or sub_entity',
      'applications/espace.yaml:18: roles[0].min_loa: expected low, substantial or high',
    ]);
    // Cross-file rules run once the file itself is well-formed.
    expect(problemsOf({ [app]: applicationYaml('espace', roleYaml('reader', 'read')).replace('domain: walloon_region', 'domain: brussels') })).toEqual([
      'applications/espace.yaml:2: domain: unknown domain "brussels" (domains.yaml has finances, walloon_region)',
    ]);
  });

  it('refuses a role below its application level, and an application named after another file', () => {
    const text = applicationYaml('espace', roleYaml('reader', 'read', '    min_loa: low\n'), 'min_loa: high\n');
    expect(problemsOf({ [app]: text })).toEqual(['applications/espace.yaml:18: roles[0].min_loa: below the application\'s min_loa (high)']);
    expect(problemsOf({ 'applications/other.yaml': applicationYaml('espace', roleYaml('reader', 'read')) })).toEqual([
      'applications/other.yaml:1: id: the file of application "espace" is named espace.yaml',
    ]);
  });

  it('reports broken YAML with its line, and files that have no place in a catalog', () => {
    expect(problemsOf({ [app]: 'id: espace\nname: [unclosed\n', 'clients.yaml': 'clients: []\n' })).toEqual([
      'clients.yaml: unexpected file: a catalog directory holds domains.yaml and applications/<id>.yaml',
      expect.stringMatching(/^applications\/espace\.yaml:\d: not valid YAML: /),
    ]);
  });

  it('reports a missing directory and a missing domains file', () => {
    expect(readCatalogDir('/nonexistent/catalog').problems.map(formatProblem)).toEqual(['/nonexistent/catalog: no such catalog directory']);
    const c = writeCatalog({ [app]: applicationYaml('espace', roleYaml('reader', 'read')) });
    cleanups.push(c.cleanup);
    expect(readCatalogDir(c.dir).problems.map((p) => p.message)).toEqual([
      'missing: the catalog needs its list of domains',
      'domain: unknown domain "walloon_region" (domains.yaml has none)',
    ]);
  });

  it('leaves out demo-only entries, and what hangs off them, without demo data', () => {
    const c = writeCatalog({
      'domains.yaml': DOMAINS_YAML + `  - id: sandbox\n    demo: true\n    name: ${all('Sandbox')}\n`,
      [app]: applicationYaml('espace', roleYaml('reader', 'read') + roleYaml('trial', 'read', '    demo: true\n')),
      'applications/demo-app.yaml': applicationYaml('demo-app', roleYaml('reader', 'read'), 'demo: true\n').replace('walloon_region', 'sandbox'),
    });
    cleanups.push(c.cleanup);
    const { catalog, problems } = readCatalogDir(c.dir);
    expect(problems).toEqual([]);
    const production = withoutDemo(catalog, false);
    expect(production.domains.map((d) => d.id)).toEqual(['finances', 'walloon_region']);
    expect(production.applications.map((a) => a.id)).toEqual(['espace']);
    expect(production.roles.map((r) => `${r.applicationId}/${r.code}`)).toEqual(['espace/reader']);
    expect(withoutDemo(catalog, true).roles).toHaveLength(3);
  });
});
