import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import { findPersonById, findPersonByNrn, insertPerson, type Person } from './store';

export type { Person } from './store';

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
