import platform from '../messages';
import registries from '../../registries/messages';
import views from '../views/messages';
import outbox from '../outbox/messages';
import identity from '../../identity/messages';
import authn from '../../authn/messages';
import eid from '../../authn/eid/messages';
import oidc from '../../oidc/messages';
import oidcEnterprise from '../../oidc/enterprise-messages';
import keys from '../../authn/digital-keys/messages';
import passwordKeys from '../../authn/password/messages';
import securityCodes from '../../authn/codes/messages';
import throttle from '../../authn/throttle/messages';
import selfService from '../../authn/self-service/messages';
import passkey from '../../authn/passkey/messages';
import itsme from '../../authn/itsme/messages';
import itsmeDemo from '../../authn/itsme-demo/messages';
import organisations from '../../organisations/messages';
import members from '../../organisations/members/messages';
import access from '../../access/messages';
import operators from '../../operators/messages';
import accessHome from '../../access/home/messages';
import accessTasks from '../../access/tasks/messages';
import accessInvitations from '../../access/invitations/messages';
import accessAssignments from '../../access/assignments/messages';
import accessDirect from '../../access/direct/messages';
import saml from '../../saml/messages';
import accessCatalog from '../../access/catalog/messages';
import portal from '../../portal/messages';
import ebox from '../../ebox/messages';
import type { Lang } from './languages';

/**
 * Every module's messages, merged. A module adds its own `messages.ts`
 * (built with defineMessages) and one line here.
 */
const modules = [platform, registries, views, outbox, identity, authn, keys, selfService, passkey, itsme, itsmeDemo, oidc, oidcEnterprise, eid, passwordKeys, securityCodes, throttle, organisations, members, saml, access, accessHome, accessTasks, accessInvitations, accessAssignments, accessDirect, accessCatalog, portal, ebox, operators] as const;

type ModuleKeys<M> = M extends { en: Record<infer K, string> } ? K : never;
export type MessageKey = ModuleKeys<(typeof modules)[number]>;

export const catalogs: Record<Lang, Record<string, string>> = { nl: {}, fr: {}, de: {}, en: {} };
for (const module of modules) {
  for (const lang of Object.keys(catalogs) as Lang[]) {
    for (const [key, text] of Object.entries(module[lang])) {
      if (key in catalogs[lang]) throw new Error(`Message key ${key} is defined twice`);
      catalogs[lang][key] = text;
    }
  }
}
