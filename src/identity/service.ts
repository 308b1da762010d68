import { recordAudit } from '../platform/audit/audit';
import type { AppContext } from '../platform/context';
import { AppError, InputError, NotFoundError } from '../platform/errors';
import { enqueueEmail } from '../platform/outbox';
import { emailChangedNotice } from './notice';
import { changedFields, profileInput, type ProfileInput } from './profile';
import { findPersonById, findPersonByNrn, insertPerson, updateContact, type Person } from './store';

export type { Person } from './store';
export { profileInput, type ProfileInput } from './profile';

/**
 * The platform's record of the person a digital key has identified. On a
 * first identification it is created from the national register, which is
 * the source of names; a number the register does not know is refused.
 */
export async function personForIdentification(ctx: Pick<AppContext, 'db' | 'registers'>, nrn: string): Promise<Person> {
  const known = await findPersonByNrn(ctx.db, nrn);
  if (known) return known;
  const registered = await ctx.registers.persons.findPerson(nrn);
  if (!registered || registered.deathDate) throw new AppError('identity.unknown_person', 403);
  return insertPerson(ctx.db, {
    nrn: registered.nrn,
    givenName: registered.firstNames,
    familyName: registered.lastName,
    language: registered.language,
  });
}

export async function personById(ctx: Pick<AppContext, 'db'>, id: string): Promise<Person | undefined> {
  return findPersonById(ctx.db, id);
}

/** "Mon profil": the person's contact details, with the name and number as the national register has them today. */
export interface Profile {
  person: Person;
  /** From the register when it still knows the person, else as stored at the last identification. */
  givenName: string;
  familyName: string;
}

export async function profileOf(ctx: Pick<AppContext, 'db' | 'registers'>, personId: string): Promise<Profile> {
  const person = await findPersonById(ctx.db, personId);
  if (!person) throw new NotFoundError();
  const registered = await ctx.registers.persons.findPerson(person.nrn);
  return { person, givenName: registered?.firstNames ?? person.givenName, familyName: registered?.lastName ?? person.familyName };
}

const brussels = new Intl.DateTimeFormat('fr-BE', { timeZone: 'Europe/Brussels', dateStyle: 'short', timeStyle: 'short' });

/**
 * Changes a person's e-mail address and language. The input is parsed here
 * (a bad value is an InputError tied to its field and changes nothing); the
 * change is audited, and a new address is announced to the old one and the
 * new one, in the same transaction. Returns the fields that changed.
 */
export async function updateProfile(
  ctx: AppContext,
  actor: { personId: string; nrn: string },
  input: ProfileInput,
  requestId?: string,
): Promise<Array<keyof ProfileInput>> {
  // Pages parse the form first to show every message; this guards the other callers.
  const parsed = profileInput.safeParse(input);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'email');
    throw new InputError(field, field === 'email' ? 'errors.field.email' : 'errors.field.invalid', { field });
  }
  const wanted = parsed.data as ProfileInput;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findPersonById(trx, actor.personId, { forUpdate: true });
    if (!before) throw new NotFoundError();
    const changed = changedFields(before, wanted);
    if (changed.length === 0) return changed;
    const now = ctx.clock.now();
    await updateContact(trx, before.id, { email: wanted.email, language: wanted.language }, now);
    if (changed.includes('email')) {
      const recipients = [before.email, wanted.email].filter((address): address is string => Boolean(address));
      for (const to of recipients) {
        await enqueueEmail(trx, {
          to,
          lang: wanted.language,
          template: emailChangedNotice,
          params: { name: before.givenName, newEmail: wanted.email, when: brussels.format(now), url: `${ctx.config.publicUrl}/keys/profile` },
          at: now,
        });
      }
    }
    await recordAudit(trx, now, {
      actor: `person:${actor.nrn}`,
      action: 'profile.updated',
      target: `person:${before.nrn}`,
      details: { changed, ...(changed.includes('language') ? { language: wanted.language } : {}) },
      requestId,
    });
    return changed;
  });
}
