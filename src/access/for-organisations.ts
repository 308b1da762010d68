import { registerRightsProvider } from '../organisations/members/rights';
import { personsWithLiveApplication, rightsOfPerson } from './direct/store';

/*
 * What the organisations module shows of role assignments (the persons
 * list's application filter, a person's rights), through the port it
 * declares: it never reads these tables itself. Imported by the access
 * route modules, so every running application has it.
 */
registerRightsProvider({
  rightsOf: (ctx, enterpriseNumber, personId) => rightsOfPerson(ctx.db, enterpriseNumber, personId),
  personsWithApplication: (ctx, enterpriseNumber, applicationId) => personsWithLiveApplication(ctx.db, enterpriseNumber, applicationId),
});
