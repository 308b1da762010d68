import type { Config } from './config';
import { openContext } from './platform/bootstrap';
import { buildApp } from './platform/http/app';
import { createDelivery, startOutboxWorker } from './platform/outbox';
import { loadDemoRegistersIfEmpty } from './registries/demo';
import { routeModules } from './routes';

/** Serves the platform until SIGINT/SIGTERM, then closes connections and the database gracefully. */
export async function serve(config: Config) {
  const ctx = await openContext(config);
  if (config.demoData && (await loadDemoRegistersIfEmpty(ctx.db))) console.log('First start: demo registers loaded.');
  const app = await buildApp(ctx, routeModules);
  const { mail, sms } = createDelivery(config, ctx.db, app.log);
  const outbox = startOutboxWorker({ db: ctx.db, clock: ctx.clock, mail, sms, log: app.log }, config.outboxPollMs);
  const stops: Array<() => Promise<void> | void> = [() => outbox.stop()];

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    for (const stop of stops) await stop();
    await app.close();
    await ctx.db.destroy();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const address = await app.listen({ host: config.host, port: config.port });
  app.log.info({ address, publicUrl: config.publicUrl }, 'Sésame is ready');
  return { app, ctx, stops };
}
