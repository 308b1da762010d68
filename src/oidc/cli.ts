import { Command, Option } from 'commander';
import { LEVELS } from '../authn/loa';
import type { Config } from '../config';
import { withContext } from '../platform/bootstrap';
import type { AppContext } from '../platform/context';
import { listClients, removeClient, rotateClientSecret, saveClient } from './clients';
import { describeSigningKeys, rotateSigningKeys } from './signing-keys';
import { RETIRED_KEY_PUBLISHED_S } from './ttl';

/** A client or key command: its refusals (e.g. an unknown client) are one line on stderr and exit code 1. */
async function command(config: () => Config, run: (ctx: AppContext) => Promise<void>) {
  await withContext(config(), run).catch((error: unknown) => {
    console.error((error as Error).message);
    process.exitCode = 1;
  });
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `sesame clients …`: relying applications registered by an operator (beside the catalog file). */
export function clientsCommand(config: () => Config): Command {
  const clients = new Command('clients').description('relying applications (OpenID Connect clients)');
  clients
    .command('add')
    .argument('<client_id>')
    .description('register an application (prints its secret once; only a hash is kept)')
    .option('--name <name>', 'name shown to people')
    .option('--redirect-uri <uri>', 'a redirect URI, matched exactly (repeatable)', collect)
    .option('--post-logout-uri <uri>', 'a post-logout redirect URI (repeatable)', collect)
    .option('--backchannel-logout-uri <uri>', 'where back-channel logout tokens are posted')
    .addOption(new Option('--min-loa <level>', 'minimum level of assurance').choices([...LEVELS]).default('low'))
    .option('--scope <scopes>', 'allowed scopes', 'openid profile email')
    .addOption(new Option('--grant <type>', 'grant type (repeatable)').choices(['authorization_code', 'refresh_token', 'client_credentials']).argParser(collect))
    .option('--public', 'a public client (no secret, PKCE only)')
    .action(async (clientId: string, o: { name?: string; redirectUri?: string[]; postLogoutUri?: string[]; backchannelLogoutUri?: string; minLoa: (typeof LEVELS)[number]; scope: string; grant?: string[]; public?: boolean }) => {
      await command(config, async (ctx) => {
        const { secret } = await saveClient(
          ctx,
          {
            client_id: clientId,
            client_name: o.name,
            redirect_uris: o.redirectUri ?? [],
            post_logout_redirect_uris: o.postLogoutUri ?? [],
            backchannel_logout_uri: o.backchannelLogoutUri,
            min_loa: o.minLoa,
            scope: o.scope,
            ...(o.grant ? { grant_types: o.grant as ('authorization_code' | 'refresh_token' | 'client_credentials')[] } : {}),
            token_endpoint_auth_method: o.public ? 'none' : 'client_secret_basic',
          },
          'cli',
        );
        console.log(`Client ${clientId} registered.`);
        if (secret) console.log(`Client secret (shown once, keep it safe): ${secret}`);
      });
    });
  clients
    .command('list')
    .description('list the registered applications')
    .action(async () => {
      await command(config, async (ctx) => {
        for (const c of await listClients(ctx)) {
          const m = c.metadata as { client_name?: string; redirect_uris?: string[]; grant_types?: string[] };
          console.log([c.clientId, c.source, `min_loa=${c.minLoa}`, c.secretHash ? 'confidential' : 'public', (m.grant_types ?? []).join(','), (m.redirect_uris ?? []).join(' '), m.client_name ?? ''].join('\t'));
        }
      });
    });
  clients
    .command('remove')
    .argument('<client_id>')
    .description('remove an application (a catalog one comes back at the next start unless removed from the file)')
    .action(async (clientId: string) => {
      await command(config, async (ctx) => {
        if (!(await removeClient(ctx, clientId))) throw new Error(`No client ${clientId}.`);
        console.log(`Client ${clientId} removed.`);
      });
    });
  clients
    .command('rotate-secret')
    .argument('<client_id>')
    .description('give an application a new secret (the old one stops working within 5 seconds on every running node)')
    .action(async (clientId: string) => {
      await command(config, async (ctx) => {
        const secret = await rotateClientSecret(ctx, clientId);
        if (!secret) throw new Error(`No client ${clientId}.`);
        console.log(`New client secret for ${clientId} (shown once, keep it safe): ${secret}`);
      });
    });
  return clients;
}

/** `sesame keys …`: the provider's signing keys. */
export function keysCommand(config: () => Config): Command {
  const keys = new Command('keys').description('OpenID provider signing keys');
  keys
    .command('rotate')
    .description('a new key set signs from now on; the old one stays published until its tokens have expired')
    .action(async () => {
      await command(config, async (ctx) => {
        const { retired, added } = await rotateSigningKeys(ctx);
        console.log(`New signing keys: ${added.join(', ')}. Retired ${retired} key(s), published for ${RETIRED_KEY_PUBLISHED_S} more seconds.`);
        console.log('Running nodes switch to the new keys within a minute.');
      });
    });
  keys
    .command('list')
    .description('list the signing keys (no private material)')
    .action(async () => {
      await command(config, async (ctx) => {
        for (const k of await describeSigningKeys(ctx)) console.log([k.kid, k.createdAt.toISOString(), k.retiredAt ? `retired ${k.retiredAt.toISOString()}` : 'active'].join('\t'));
      });
    });
  return keys;
}
