import { registerRightsProvider } from '../organisations/members/rights';
import { assignScope } from './direct/service';
import { personsWithLiveApplication, rightsOfPerson } from './direct/store';

/*
 * What the organisations module shows of role assignments (the persons
 * list's application filter, a person's rights, whether to offer a role), through the port it
 * declares: it never reads these tables itself. Imported by the access
 * route modules, so every running application has it.
 */
registerRightsProvider({
  rightsOf: (ctx, enterpriseNumber, personId) => rightsOfPerson(ctx.db, enterpriseNumber, personId),
  personsWithApplication: (ctx, enterpriseNumber, applicationId) => personsWithLiveApplication(ctx.db, enterpriseNumber, applicationId),
  mayAssign: async (ctx, who, enterpriseNumber, lang) => (await assignScope(ctx, who, lang)).some((e) => e.number === enterpriseNumber),
});
