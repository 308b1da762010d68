import { z } from 'zod';
import type { Application } from '../access/catalog/service';
import type { Lang } from '../platform/i18n/languages';
import { emailField, textField } from '../platform/views/form-data';
import { searchable } from '../platform/views/pagination';
/** Where a person stands with an application through role management. */
export type AppAccess = 'active' | 'pending';

/** Applications per page of the portal. */
export const APPS_PAGE_SIZE = 10;

/** A person may send this many problem reports per {@link REPORT_WINDOW_MS}. */
export const REPORT_LIMIT = 5;
export const REPORT_WINDOW_MS = 60 * 60 * 1000;

/** What the portal shows of one application for one person. */
export interface PortalApp {
  application: Application;
  /**
   * 'usable': an active role, or a citizen application;
   * 'pending': a role asked for, not yet granted;
   * 'requestable': the person may ask a role;
   * 'none': nothing to do here (an application without roles).
   */
  state: 'usable' | 'pending' | 'requestable' | 'none';
}

/** Where the person stands with each application of the catalog, in the catalog's order. */
export function portalApps(applications: readonly Application[], access: ReadonlyMap<string, AppAccess>, hasRoles: (applicationId: string) => boolean): PortalApp[] {
  return applications.map((application) => {
    const held = access.get(application.id);
    if (application.audience === 'citizen' || held === 'active') return { application, state: 'usable' };
    if (held === 'pending') return { application, state: 'pending' };
    return { application, state: hasRoles(application.id) ? 'requestable' : 'none' };
  });
}

/** Whether an application's name or description, in the reader's language, matches the search (case and accents ignored). */
export function matchesSearch(application: Application, q: string, lang: Lang): boolean {
  const wanted = searchable(q.trim());
  if (!wanted) return true;
  return searchable(`${application.names[lang]}\n${application.descriptions[lang]}`).includes(wanted);
}

/** The problem report form. */
export const reportForm = z.object({
  subject: textField({ required: true, max: 200 }),
  description: textField({ required: true, max: 5000 }),
  contactEmail: emailField(),
});
export type ReportInput = z.infer<typeof reportForm>;
