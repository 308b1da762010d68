import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { LEVELS, type Loa } from '../authn/loa';
import type { Config } from '../config';
import { withContext } from '../platform/bootstrap';
import type { AppContext } from '../platform/context';
import { listServiceProviders, removeServiceProvider, saveServiceProvider } from './service-providers';

async function command(config: () => Config, run: (ctx: AppContext) => Promise<void>) {
  await withContext(config(), run).catch((error: unknown) => {
    console.error((error as Error).message);
    process.exitCode = 1;
  });
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

interface AddOptions {
  entityId: string;
  name?: string;
  acs: string[];
  slo?: string;
  sloSoap?: string;
  certificate?: string;
  minLoa: Loa;
  nrn?: boolean;
}

/**
 * Adds the SAML service providers to `sesame clients`: `add-saml`,
 * `remove-saml`, and their lines after the OpenID clients in `list`.
 */
export function withSamlServiceProviders(clients: Command, config: () => Config): Command {
  clients
    .command('add-saml')
    .description('register a SAML 2.0 service provider')
    .requiredOption('--entity-id <id>', 'the SP entityID, as its requests name it')
    .option('--name <name>', 'name shown to people')
    .requiredOption('--acs <url>', 'an assertion consumer service URL (HTTP-POST), matched exactly (repeatable; the first is the default)', collect)
    .option('--slo <url>', 'the SP single logout URL (HTTP-Redirect), where logout responses go')
    .option('--slo-soap <url>', 'the SP single logout URL (SOAP), told back-channel when the session ends elsewhere')
    .option('--certificate <file>', 'the SP signing certificate (PEM): its requests must then be signed')
    .addOption(new Option('--min-loa <level>', 'minimum level of assurance').choices([...LEVELS]).default('low'))
    .option('--nrn', 'release the national register number (egovNRN attribute)')
    .action(async (o: AddOptions) => {
      await command(config, async (ctx) => {
        const sp = await saveServiceProvider(
          ctx,
          {
            entity_id: o.entityId,
            name: o.name,
            acs: o.acs,
            slo: o.slo,
            slo_soap: o.sloSoap,
            certificate: o.certificate ? readFileSync(o.certificate, 'utf8') : undefined,
            min_loa: o.minLoa,
            release_nrn: Boolean(o.nrn),
          },
          'cli',
        );
        console.log(`SAML service provider ${sp.entityId} registered${sp.requestsSigned ? ' (signed requests required)' : ''}.`);
      });
    });
  clients
    .command('remove-saml')
    .argument('<entity_id>')
    .description('remove a SAML service provider (a catalog one comes back at the next start unless removed from the file)')
    .action(async (entityId: string) => {
      await command(config, async (ctx) => {
        if (!(await removeServiceProvider(ctx, entityId))) throw new Error(`No SAML service provider ${entityId}.`);
        console.log(`SAML service provider ${entityId} removed.`);
      });
    });
  // `list` shows the OpenID clients (src/oidc/cli.ts), then these.
  clients.commands
    .find((c) => c.name() === 'list')
    ?.hook('postAction', async () => {
      await command(config, async (ctx) => {
        for (const sp of await listServiceProviders(ctx)) {
          console.log([sp.entityId, sp.source, `min_loa=${sp.minLoa}`, 'saml', sp.releaseNrn ? 'egovNRN' : '', sp.acsUrls.join(' '), sp.name ?? ''].join('\t'));
        }
      });
    });
  return clients;
}
