import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { LEVELS } from '../authn/loa';
import type { AppContext } from '../platform/context';
import { forgetCachedClients } from './client-cache';
import { generateClientSecret, hashClientSecret } from './crypto';
import { deleteCatalogClientsExcept, deleteClient, listClientRecords, setClientSecretHash, upsertClient, type ClientRecord } from './store';

const GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials'] as const;
const httpUrl = z.url({ protocol: /^https?$/ });

/** A relying application as an operator declares it (catalog file or `sesame clients add`). */
export const clientDeclaration = z
  .object({
    client_id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/, 'letters, digits, dot, dash, underscore; 2 to 64'),
    client_name: z.string().min(1).optional(),
    min_loa: z.enum(LEVELS).default('low'),
    redirect_uris: z.array(httpUrl).default([]),
    post_logout_redirect_uris: z.array(httpUrl).default([]),
    backchannel_logout_uri: httpUrl.optional(),
    grant_types: z.array(z.enum(GRANT_TYPES)).min(1).default(['authorization_code', 'refresh_token']),
    scope: z.string().default('openid profile email'),
    token_endpoint_auth_method: z.enum(['client_secret_basic', 'client_secret_post', 'none']).default('client_secret_basic'),
    /** In the catalog file only, for demo clients: hashed before it is stored. */
    secret: z.string().min(32, 'a client secret has at least 32 characters').optional(),
    /** The hash printed by `sesame clients add` / `rotate-secret`, to keep secrets out of the catalog file. */
    secret_hash: z.string().regex(/^sha256:[A-Za-z0-9_-]{43}$/).optional(),
    /** Loaded only when demo data is on (never in production by default). */
    demo: z.boolean().default(false),
  })
  .refine((c) => !c.grant_types.includes('authorization_code') || c.redirect_uris.length > 0, { message: 'redirect_uris is required for authorization_code' });
export type ClientDeclaration = z.input<typeof clientDeclaration>;

const catalogFile = z.object({ clients: z.array(clientDeclaration).default([]) });

function metadataOf(c: z.output<typeof clientDeclaration>): Record<string, unknown> {
  const code = c.grant_types.includes('authorization_code');
  return {
    ...(c.client_name ? { client_name: c.client_name } : {}),
    redirect_uris: c.redirect_uris,
    post_logout_redirect_uris: c.post_logout_redirect_uris,
    ...(c.backchannel_logout_uri ? { backchannel_logout_uri: c.backchannel_logout_uri, backchannel_logout_session_required: true } : {}),
    grant_types: c.grant_types,
    response_types: code ? ['code'] : [],
    scope: c.scope,
    token_endpoint_auth_method: c.token_endpoint_auth_method,
  };
}

type Ctx = Pick<AppContext, 'db' | 'clock'>;

/**
 * Registers (or updates) an application. Returns the secret when one was
 * generated: it is shown once, only its hash is kept.
 */
export async function saveClient(ctx: Ctx, input: ClientDeclaration, source: 'catalog' | 'cli'): Promise<{ clientId: string; secret?: string }> {
  const c = clientDeclaration.parse(input);
  const confidential = c.token_endpoint_auth_method !== 'none';
  const generated = confidential && !c.secret && !c.secret_hash ? generateClientSecret() : undefined;
  const secretHash = !confidential ? null : c.secret_hash ?? hashClientSecret(c.secret ?? generated!);
  await upsertClient(ctx.db, { clientId: c.client_id, metadata: metadataOf(c), secretHash, minLoa: c.min_loa, source }, ctx.clock.now());
  forgetCachedClients(ctx.db);
  return { clientId: c.client_id, ...(generated ? { secret: generated } : {}) };
}

/**
 * Applies the catalog file at start: its clients are created or updated,
 * catalog clients no longer in it are removed; clients added with the
 * command line are left alone. A missing file means an empty catalog.
 */
export async function applyCatalogFile(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>, file: string, log: (message: string) => void) {
  const raw = existsSync(file) ? (parseYaml(readFileSync(file, 'utf8')) as unknown) : { clients: [] };
  const parsed = catalogFile.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  const wanted = parsed.data.clients.filter((c) => !c.demo || ctx.config.demoData);
  for (const client of wanted) {
    if (client.token_endpoint_auth_method !== 'none' && !client.secret && !client.secret_hash) {
      throw new Error(`${file}: client ${client.client_id}: give secret_hash (or, for a demo client, secret)`);
    }
    await saveClient(ctx, client, 'catalog');
  }
  const removed = await deleteCatalogClientsExcept(ctx.db, wanted.map((c) => c.client_id));
  forgetCachedClients(ctx.db);
  log(`Relying applications: ${wanted.length} from ${file}${removed.length ? `, removed ${removed.join(', ')}` : ''}.`);
}

export async function listClients(ctx: Pick<AppContext, 'db'>): Promise<ClientRecord[]> {
  return listClientRecords(ctx.db);
}

export async function removeClient(ctx: Pick<AppContext, 'db'>, clientId: string): Promise<boolean> {
  const removed = await deleteClient(ctx.db, clientId);
  forgetCachedClients(ctx.db);
  return removed;
}

/**
 * A new secret for a confidential client. The old one stops working at
 * once in this process, and within CLIENT_CACHE_TTL_MS (5 s) on every
 * serving node (client-cache.ts).
 */
export async function rotateClientSecret(ctx: Ctx, clientId: string): Promise<string | undefined> {
  const secret = generateClientSecret();
  const changed = await setClientSecretHash(ctx.db, clientId, hashClientSecret(secret), ctx.clock.now());
  forgetCachedClients(ctx.db);
  return changed ? secret : undefined;
}
