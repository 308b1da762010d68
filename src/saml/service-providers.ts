import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { AppContext } from '../platform/context';
import { serviceProviderDeclaration, serviceProviderOf, type ServiceProvider, type ServiceProviderDeclaration } from './model';
import { deleteCatalogServiceProvidersExcept, deleteServiceProvider, findServiceProvider, listServiceProviderRecords, upsertServiceProvider } from './store';

type Ctx = Pick<AppContext, 'db' | 'clock'>;

/** The SAML section of the relying applications' catalog (catalog/clients.yaml); the OpenID section is read by src/oidc. */
const catalogSection = z.object({ saml_service_providers: z.array(serviceProviderDeclaration).nullish() });

/** Registers (or updates) a service provider. */
export async function saveServiceProvider(ctx: Ctx, input: ServiceProviderDeclaration, source: 'catalog' | 'cli'): Promise<ServiceProvider> {
  const sp = serviceProviderOf(input, source);
  await upsertServiceProvider(ctx.db, sp, ctx.clock.now());
  return sp;
}

/**
 * Applies the `saml_service_providers:` section of the catalog file at
 * start: its entries are created or updated, catalog SPs no longer in it
 * are removed; SPs added with the command line are left alone.
 */
export async function applyServiceProviderCatalog(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>, file: string, log: (message: string) => void) {
  const raw = existsSync(file) ? (parseYaml(readFileSync(file, 'utf8')) as unknown) : {};
  const parsed = catalogSection.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  const wanted = (parsed.data.saml_service_providers ?? []).filter((sp) => !sp.demo || ctx.config.demoData);
  for (const sp of wanted) await saveServiceProvider(ctx, sp, 'catalog');
  const removed = await deleteCatalogServiceProvidersExcept(ctx.db, wanted.map((sp) => sp.entity_id));
  log(`SAML service providers: ${wanted.length} from ${file}${removed.length ? `, removed ${removed.join(', ')}` : ''}.`);
}

export async function serviceProvider(ctx: Pick<AppContext, 'db'>, entityId: string): Promise<ServiceProvider | undefined> {
  return findServiceProvider(ctx.db, entityId);
}

export async function listServiceProviders(ctx: Pick<AppContext, 'db'>): Promise<ServiceProvider[]> {
  return listServiceProviderRecords(ctx.db);
}

export async function removeServiceProvider(ctx: Pick<AppContext, 'db'>, entityId: string): Promise<boolean> {
  return deleteServiceProvider(ctx.db, entityId);
}
