import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { LEVELS } from '../../authn/loa';
import type { Application, Domain, Role } from './model';
import { applicationFile, domainsFile, type ApplicationFile } from './schema';
import { YamlSource, type CatalogProblem } from './yaml-source';

export type { CatalogProblem } from './yaml-source';

/*
 * Reads a catalog directory (CATALOG_DIR, catalog/roles by default):
 *   domains.yaml                the domains, in order
 *   applications/<id>.yaml      one application with its permissions and roles
 * and checks every rule, so that what reaches the database is whole. Every
 * problem names its file, its line and the reason; all of them are reported
 * at once.
 */

export const DOMAINS_FILE = 'domains.yaml';
export const APPLICATIONS_DIR = 'applications';

type Demo = { demo: boolean };
/** The catalog as the files declare it, demo-only entries included and marked. */
export interface DeclaredCatalog {
  domains: (Domain & Demo)[];
  applications: (Application & Demo)[];
  roles: (Role & Demo)[];
}

/** Refusal of a catalog directory: every problem found, each with file and line. */
export class CatalogError extends Error {
  override name = 'CatalogError';
  constructor(readonly problems: CatalogProblem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

/** `catalog/roles/applications/x.yaml:12: roles[1].permissions[0]: unknown permission "sing" …` */
export function formatProblem(p: CatalogProblem): string {
  return `${p.file}${p.line === null ? '' : `:${p.line}`}: ${p.message}`;
}

/** Reads and checks a catalog directory; throws a CatalogError naming every problem. */
export function loadCatalogDir(dir: string): DeclaredCatalog {
  const { catalog, problems } = readCatalogDir(dir);
  if (problems.length) throw new CatalogError(problems);
  return catalog;
}

/** The entries applied for this setting: demo-only ones (and what hangs off them) only with demo data. */
export function withoutDemo(catalog: DeclaredCatalog, demoData: boolean): DeclaredCatalog {
  if (demoData) return catalog;
  const domains = catalog.domains.filter((d) => !d.demo);
  const applications = catalog.applications.filter((a) => !a.demo && domains.some((d) => d.id === a.domainId));
  const roles = catalog.roles.filter((r) => !r.demo && applications.some((a) => a.id === r.applicationId));
  return { domains, applications, roles };
}

/** Reads a catalog directory and returns what it declares with every problem found (none: it may be applied). */
export function readCatalogDir(dir: string): { catalog: DeclaredCatalog; problems: CatalogProblem[] } {
  const catalog: DeclaredCatalog = { domains: [], applications: [], roles: [] };
  const problems: CatalogProblem[] = [];
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return { catalog, problems: [{ file: dir, line: null, message: 'no such catalog directory' }] };
  }
  for (const name of readdirSync(dir).sort()) {
    if (name !== DOMAINS_FILE && name !== APPLICATIONS_DIR && !name.startsWith('.') && !/\.md$/i.test(name)) {
      problems.push({ file: path.join(dir, name), line: null, message: `unexpected file: a catalog directory holds ${DOMAINS_FILE} and ${APPLICATIONS_DIR}/<id>.yaml` });
    }
  }

  const domainsPath = path.join(dir, DOMAINS_FILE);
  const domainDemo = new Map<string, boolean>();
  if (!existsSync(domainsPath)) {
    problems.push({ file: domainsPath, line: null, message: 'missing: the catalog needs its list of domains' });
  } else {
    const source = new YamlSource(domainsPath, readFileSync(domainsPath, 'utf8'));
    const parsed = domainsFile.safeParse(source.data() ?? null);
    if (!parsed.success && !source.problems.length) source.reportZod(parsed.error);
    parsed.data?.domains.forEach((d, i) => {
      if (domainDemo.has(d.id)) return source.report(['domains', i, 'id'], `duplicate domain "${d.id}"`);
      domainDemo.set(d.id, d.demo);
      catalog.domains.push({ id: d.id, names: d.name, demo: d.demo });
    });
    problems.push(...source.problems);
  }

  const appsDir = path.join(dir, APPLICATIONS_DIR);
  const files = existsSync(appsDir) ? readdirSync(appsDir).filter((n) => !n.startsWith('.')).sort() : [];
  const seen = new Map<string, string>();
  for (const name of files) {
    const file = path.join(appsDir, name);
    if (!/\.ya?ml$/.test(name)) {
      problems.push({ file, line: null, message: 'unexpected file: applications/ holds one <application id>.yaml per application' });
      continue;
    }
    const source = new YamlSource(file, readFileSync(file, 'utf8'));
    const parsed = applicationFile.safeParse(source.data() ?? null);
    if (!parsed.success) {
      if (!source.problems.length) source.reportZod(parsed.error);
    } else if (checkApplication(source, parsed.data, name, domainDemo, seen)) {
      pushApplication(catalog, parsed.data);
    }
    problems.push(...source.problems);
  }
  return { catalog, problems };
}

/** The rules of one application file that zod cannot see; true when it passes them all. */
function checkApplication(source: YamlSource, app: ApplicationFile, fileName: string, domainDemo: Map<string, boolean>, seen: Map<string, string>): boolean {
  const before = source.problems.length;
  const other = seen.get(app.id);
  if (other) source.report(['id'], `application "${app.id}" is also declared in ${other}`);
  seen.set(app.id, source.file);
  if (fileName.replace(/\.ya?ml$/, '') !== app.id) source.report(['id'], `the file of application "${app.id}" is named ${app.id}.yaml`);

  const domainIsDemo = domainDemo.get(app.domain);
  if (domainIsDemo === undefined) {
    source.report(['domain'], `unknown domain "${app.domain}" (${DOMAINS_FILE} has ${[...domainDemo.keys()].join(', ') || 'none'})`);
  } else if (domainIsDemo && !app.demo) {
    source.report(['domain'], `domain "${app.domain}" is demo-only: mark this application demo: true too`);
  }

  const codes = new Set<string>();
  app.permissions.forEach((p, i) => {
    if (codes.has(p.code)) source.report(['permissions', i, 'code'], `duplicate permission "${p.code}"`);
    codes.add(p.code);
  });
  const roleCodes = new Set<string>();
  app.roles.forEach((role, i) => {
    if (roleCodes.has(role.code)) source.report(['roles', i, 'code'], `duplicate role "${role.code}"`);
    roleCodes.add(role.code);
    const granted = new Set<string>();
    role.permissions.forEach((code, j) => {
      if (!codes.has(code)) {
        source.report(['roles', i, 'permissions', j], `unknown permission "${code}" (${app.id} has ${[...codes].join(', ') || 'no permissions'})`);
      } else if (granted.has(code)) {
        source.report(['roles', i, 'permissions', j], `permission "${code}" listed twice`);
      }
      granted.add(code);
    });
    if (role.min_loa && LEVELS.indexOf(role.min_loa) < LEVELS.indexOf(app.min_loa)) {
      source.report(['roles', i, 'min_loa'], `below the application's min_loa (${app.min_loa})`);
    }
  });
  return source.problems.length === before;
}

function pushApplication(catalog: DeclaredCatalog, app: ApplicationFile) {
  catalog.applications.push({
    id: app.id,
    domainId: app.domain,
    names: app.name,
    descriptions: app.description,
    categories: app.category,
    permissions: app.permissions.map((p) => ({ code: p.code, names: p.name })),
    url: app.url ?? null,
    clients: app.clients,
    audience: app.audience,
    supportEmail: app.support_email ?? null,
    minLoa: app.min_loa,
    demo: app.demo,
  });
  for (const r of app.roles) {
    // The matrix order: the permissions as the application lists them, whatever order the role names them in.
    const permissions = app.permissions.map((p) => p.code).filter((code) => r.permissions.includes(code));
    catalog.roles.push({
      applicationId: app.id,
      code: r.code,
      names: r.name,
      shortDescriptions: r.short_description,
      longDescriptions: r.long_description,
      permissions,
      unitKind: r.unit_kind ?? null,
      endDateRequired: r.end_date_required,
      approval: r.approval,
      minLoa: r.min_loa ?? app.min_loa,
      demo: app.demo || r.demo,
    });
  }
}
