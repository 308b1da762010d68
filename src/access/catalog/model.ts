import type { Loa } from '../../authn/loa';
import type { Lang } from '../../platform/i18n/languages';
import type { Localized } from './tables';

export type { Localized } from './tables';

/** A domain of applications; access managers are designated per domain. */
export interface Domain {
  id: string;
  names: Localized;
}

export interface Permission {
  code: string;
  names: Localized;
}

export type UnitKind = 'establishment' | 'capacity' | 'sub_entity';

/** An application: what the portal opens and what roles are granted for. */
export interface Application {
  id: string;
  domainId: string;
  names: Localized;
  descriptions: Localized;
  categories: Localized;
  /** The columns of the permission matrix ("Quel rôle choisir ?"), in order. */
  permissions: Permission[];
  url: string | null;
  /** OpenID client ids and SAML entity ids through which it receives identities and roles. */
  clients: string[];
  /** 'citizen': open to every identified person; 'enterprise': used through a role. */
  audience: 'enterprise' | 'citizen';
  supportEmail: string | null;
  minLoa: Loa;
}

/** A role of an application. */
export interface Role {
  applicationId: string;
  code: string;
  names: Localized;
  shortDescriptions: Localized;
  longDescriptions: Localized;
  /** Codes of the application's permissions this role grants. */
  permissions: string[];
  /** The kind of unit an assignment must be scoped to; null: the enterprise as a whole. */
  unitKind: UnitKind | null;
  endDateRequired: boolean;
  /** 'automatic': a person's own request is granted without a manager. */
  approval: 'manager' | 'automatic';
  /** The level a session needs for the role to reach the application. */
  minLoa: Loa;
}

/** The catalog as one node holds it: current (not retired) entries, in the files' order. */
export interface Catalog {
  domains: Domain[];
  applications: Application[];
  roles: Role[];
  domain(id: string): Domain | undefined;
  application(id: string): Application | undefined;
  role(applicationId: string, code: string): Role | undefined;
  rolesOf(applicationId: string): Role[];
  /** The applications a relying client (OpenID client id or SAML entity id) stands for. */
  applicationsOfClient(clientId: string): Application[];
}

export function buildCatalog(domains: Domain[], applications: Application[], roles: Role[]): Catalog {
  const domainById = new Map(domains.map((d) => [d.id, d]));
  const appById = new Map(applications.map((a) => [a.id, a]));
  const roleByKey = new Map(roles.map((r) => [`${r.applicationId}\u0000${r.code}`, r]));
  const rolesByApp = new Map<string, Role[]>();
  for (const r of roles) rolesByApp.set(r.applicationId, [...(rolesByApp.get(r.applicationId) ?? []), r]);
  const appsByClient = new Map<string, Application[]>();
  for (const a of applications) for (const c of a.clients) appsByClient.set(c, [...(appsByClient.get(c) ?? []), a]);
  return {
    domains,
    applications,
    roles,
    domain: (id) => domainById.get(id),
    application: (id) => appById.get(id),
    role: (applicationId, code) => roleByKey.get(`${applicationId}\u0000${code}`),
    rolesOf: (applicationId) => rolesByApp.get(applicationId) ?? [],
    applicationsOfClient: (clientId) => appsByClient.get(clientId) ?? [],
  };
}

/** A catalog text in the reader's language (every catalog text exists in the four). */
export function inLang(text: Localized, lang: Lang): string {
  return text[lang];
}
