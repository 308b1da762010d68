import canonicalize from 'canonicalize';
import { recordAudit } from '../../platform/audit/audit';
import type { AppContext } from '../../platform/context';
import { loadCatalogDir, withoutDemo, type DeclaredCatalog } from './loader';
import type { Application, Domain, Role } from './model';
import { invalidateCatalog } from './service';
import * as store from './store';

/** What applying changed for one kind of entry, by id (roles: `application/code`). */
export interface Changes {
  added: string[];
  updated: string[];
  /** No longer in the files: kept, marked retired. */
  retired: string[];
  /** Retired earlier, back in the files. */
  restored: string[];
  /** Unchanged but at another place in the files' order. */
  reordered: string[];
}

export interface AppliedCatalog {
  domains: Changes;
  applications: Changes;
  roles: Changes;
  /** How many entries are current after applying. */
  counts: { domains: number; applications: number; roles: number };
  /** False when the database already matched the files (nothing written, no audit event). */
  changed: boolean;
}

/**
 * Applies a catalog directory: reads and checks it (a CatalogError names
 * every problem, and nothing is written), then in one transaction inserts or
 * updates every domain, application and role in the files' order, retires
 * what the files no longer list and restores what comes back. Demo-only
 * entries count only with demo data. One audit event summarises the change;
 * this node's cached catalog is dropped.
 */
export async function applyCatalog(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>, dir: string, options: { actor?: string } = {}): Promise<AppliedCatalog> {
  const wanted = withoutDemo(loadCatalogDir(dir), ctx.config.demoData);
  return applyDeclared(ctx, wanted, { actor: options.actor ?? 'system', source: dir });
}

/** Applies an already checked catalog (what applyCatalog does after reading the files). */
export async function applyDeclared(ctx: Pick<AppContext, 'db' | 'clock'>, wanted: DeclaredCatalog, audit: { actor: string; source: string }): Promise<AppliedCatalog> {
  const now = ctx.clock.now();
  const result = await ctx.db.transaction().execute(async (trx) => {
    await store.lockCatalog(trx);
    const current = await store.loadAllForUpdate(trx);
    const domains = diff(current.domains, inOrder(wanted.domains.map(strip)), (d) => d.id);
    const applications = diff(current.applications, inOrder(wanted.applications.map(strip)), (a) => a.id);
    const roles = diff(current.roles, rolesInOrder(wanted.roles.map(strip)), roleKey);

    await store.upsertDomains(trx, domains.write.map(({ entry, position }) => domainRow(entry, position)));
    await store.upsertApplications(trx, applications.write.map(({ entry, position }) => applicationRow(entry, position)));
    await store.upsertRoles(trx, roles.write.map(({ entry, position }) => roleRow(entry, position)));
    await store.retire(trx, now, {
      domains: domains.retire.map((d) => d.id),
      applications: applications.retire.map((a) => a.id),
      roles: roles.retire.map((r) => ({ applicationId: r.applicationId, code: r.code })),
    });

    const changed = [domains, applications, roles].some((d) => d.write.length || d.retire.length);
    const summary = { domains: domains.changes, applications: applications.changes, roles: roles.changes };
    if (changed) {
      await recordAudit(trx, now, { actor: audit.actor, action: 'catalog.applied', target: 'catalog', details: { source: audit.source, ...compact(summary) } });
    }
    return { ...summary, changed };
  });
  invalidateCatalog(ctx);
  return { ...result, counts: { domains: wanted.domains.length, applications: wanted.applications.length, roles: wanted.roles.length } };
}

/** One line for logs and the command line: "Catalog (catalog/roles): 6 domains, 11 applications, 24 roles; added 3 roles." */
export function describeApplied(applied: AppliedCatalog, source: string): string {
  const { counts } = applied;
  const parts: string[] = [];
  for (const kind of ['domains', 'applications', 'roles'] as const) {
    for (const what of ['added', 'updated', 'retired', 'restored', 'reordered'] as const) {
      const ids = applied[kind][what];
      if (ids.length) parts.push(`${what} ${ids.length} ${kind}`);
    }
  }
  return `Catalog (${source}): ${counts.domains} domains, ${counts.applications} applications, ${counts.roles} roles; ${parts.length ? parts.join(', ') : 'unchanged'}.`;
}

const roleKey = (r: Role) => `${r.applicationId}/${r.code}`;

function strip<T extends { demo: boolean }>({ demo: _demo, ...entry }: T): Omit<T, 'demo'> {
  return entry;
}

const same = (a: unknown, b: unknown) => canonicalize(a) === canonicalize(b);

const inOrder = <T>(entries: T[]) => entries.map((entry, position) => ({ entry, position }));

/** A role's position counts within its application, so a new application does not move every other role. */
function rolesInOrder(roles: Role[]) {
  const next = new Map<string, number>();
  return roles.map((entry) => {
    const position = next.get(entry.applicationId) ?? 0;
    next.set(entry.applicationId, position + 1);
    return { entry, position };
  });
}

/** Which entries to write (new, changed, restored or moved: with their position) and which to retire. */
function diff<T>(stored: store.Stored<T>[], wanted: { entry: T; position: number }[], key: (t: T) => string) {
  const byKey = new Map(stored.map((s) => [key(s.entry), s]));
  const wantedKeys = new Set(wanted.map((w) => key(w.entry)));
  const changes: Changes = { added: [], updated: [], retired: [], restored: [], reordered: [] };
  const write = wanted.filter(({ entry, position }) => {
    const id = key(entry);
    const before = byKey.get(id);
    if (!before) changes.added.push(id);
    else if (before.retired) changes.restored.push(id);
    else if (!same(before.entry, entry)) changes.updated.push(id);
    else if (before.position !== position) changes.reordered.push(id);
    else return false;
    return true;
  });
  const retire = stored.filter((s) => !s.retired && !wantedKeys.has(key(s.entry))).map((s) => s.entry);
  changes.retired = retire.map(key);
  return { changes, write, retire };
}

/** The audit details without empty lists. */
function compact(summary: Record<string, Changes>) {
  return Object.fromEntries(
    Object.entries(summary)
      .map(([kind, c]) => [kind, Object.fromEntries(Object.entries(c).filter(([, ids]) => (ids as string[]).length))])
      .filter(([, c]) => Object.keys(c as object).length),
  );
}

function domainRow(d: Domain, position: number): store.DomainRow {
  return { id: d.id, names: JSON.stringify(d.names), position, retired_at: null };
}

function applicationRow(a: Application, position: number): store.ApplicationRow {
  return {
    id: a.id,
    domain_id: a.domainId,
    names: JSON.stringify(a.names),
    descriptions: JSON.stringify(a.descriptions),
    categories: JSON.stringify(a.categories),
    permissions: JSON.stringify(a.permissions),
    url: a.url,
    clients: a.clients,
    audience: a.audience,
    support_email: a.supportEmail,
    min_loa: a.minLoa,
    position,
    retired_at: null,
  };
}

function roleRow(r: Role, position: number): store.RoleRow {
  return {
    application_id: r.applicationId,
    code: r.code,
    names: JSON.stringify(r.names),
    short_descriptions: JSON.stringify(r.shortDescriptions),
    long_descriptions: JSON.stringify(r.longDescriptions),
    permissions: r.permissions,
    unit_kind: r.unitKind,
    end_date_required: r.endDateRequired,
    approval: r.approval,
    min_loa: r.minLoa,
    position,
    retired_at: null,
  };
}
