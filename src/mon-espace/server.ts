import path from 'node:path';
import type { Config } from '../config';
import { buildMonEspace } from './app';
import { relyingParty } from './oidc';
import { openStore } from './store';

/** Mon Espace's own settings: its client registration in catalog/clients.yaml (demo). */
export const MON_ESPACE = { clientId: 'mon-espace', clientSecret: 'mon-espace-demo-secret-not-for-production', scope: 'openid profile roles' } as const;

/**
 * Starts Mon Espace on its own port beside the platform (`npm start` with
 * demo data), as a separate OpenID client of the platform's issuer.
 */
export async function startMonEspace(config: Config, port = config.monEspacePort) {
  const db = await openStore(process.env.MON_ESPACE_DATABASE_URL ? { url: process.env.MON_ESPACE_DATABASE_URL } : { dataDir: path.join(config.dataDir, 'mon-espace') });
  const publicUrl = `http://localhost:${port}`;
  const rp = relyingParty({ issuer: config.publicUrl, clientId: MON_ESPACE.clientId, clientSecret: MON_ESPACE.clientSecret, publicUrl, scope: MON_ESPACE.scope });
  const app = await buildMonEspace({ rp, db, cookieSecret: `mon-espace:${MON_ESPACE.clientSecret}`, secure: false });
  await app.listen({ host: config.host, port });
  return {
    url: publicUrl,
    async close() {
      await app.close();
      await db.destroy();
    },
  };
}
