import { z } from 'zod';
import { LEVELS } from '../../authn/loa';

/*
 * The shape of the catalog files (see catalog/roles/domains.yaml for the
 * format as a reader sees it). Objects are strict: a misspelt key is refused
 * rather than silently ignored. Rules that span entries or files (unknown
 * domain, unknown permission, duplicates) live in loader.ts.
 */

const text = z.string({ error: 'expected a text' }).trim().min(1, 'must not be empty');

/** A text in the four languages, every one required. */
export const localizedText = z.strictObject(
  { nl: text, fr: text, de: text, en: text },
  { error: 'expected the text in the four languages: nl, fr, de and en' },
);

const slug = (what: string, pattern: RegExp, shape: string) => z.string({ error: `expected ${what}` }).regex(pattern, `${what}: ${shape}`);
export const domainId = slug('a domain id', /^[a-z][a-z0-9_]{1,63}$/, 'lower-case letters, digits and _ (2 to 64), starting with a letter');
const applicationId = slug('an application id', /^[a-z0-9][a-z0-9_-]{1,63}$/, 'lower-case letters, digits, - and _ (2 to 64)');
const roleCode = slug('a role code', /^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, - and _ (1 to 64)');
const permissionCode = slug('a permission code', /^[a-z][a-z0-9_]{0,63}$/, 'lower-case letters, digits and _ (1 to 64), starting with a letter');

const loa = z.enum(LEVELS, { error: 'expected low, substantial or high' });
const demo = z.boolean({ error: 'expected true or false' }).default(false);

export const domainDecl = z.strictObject({ id: domainId, name: localizedText, demo });

/** catalog/roles/domains.yaml */
export const domainsFile = z.strictObject({ domains: z.array(domainDecl, { error: 'expected a list of domains' }).min(1, 'at least one domain') });

const permissionDecl = z.strictObject({ code: permissionCode, name: localizedText });

export const roleDecl = z.strictObject({
  code: roleCode,
  name: localizedText,
  short_description: localizedText,
  long_description: localizedText,
  /** Codes of the application's permissions. */
  permissions: z.array(z.string({ error: 'expected a permission code' }), { error: 'expected a list of permission codes' }).default([]),
  unit_kind: z.enum(['establishment', 'capacity', 'sub_entity'], { error: 'expected establishment, capacity or sub_entity' }).optional(),
  end_date_required: z.boolean({ error: 'expected true or false' }).default(false),
  approval: z.enum(['manager', 'automatic'], { error: 'expected manager or automatic' }).default('manager'),
  /** Defaults to the application's. */
  min_loa: loa.optional(),
  demo,
});

/** catalog/roles/applications/<id>.yaml: one application and its roles. */
export const applicationFile = z.strictObject({
  id: applicationId,
  domain: z.string({ error: 'expected a domain id' }),
  name: localizedText,
  description: localizedText,
  category: localizedText,
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
  clients: z.array(z.string({ error: 'expected a client id' }).min(1), { error: 'expected a list of client ids' }).default([]),
  audience: z.enum(['enterprise', 'citizen'], { error: 'expected enterprise or citizen' }).default('enterprise'),
  support_email: z.email({ error: 'expected an e-mail address' }).optional(),
  min_loa: loa.default('low'),
  permissions: z.array(permissionDecl, { error: 'expected a list of permissions' }).default([]),
  roles: z.array(roleDecl, { error: 'expected a list of roles' }).default([]),
  demo,
});

export type DomainsFile = z.output<typeof domainsFile>;
export type ApplicationFile = z.output<typeof applicationFile>;
