import { startItsmeDemo } from './authn/itsme-demo/server';
import { startEidListener } from './authn/eid/listener';
import type { Config } from './config';
import { openContext } from './platform/bootstrap';
import { buildApp } from './platform/http/app';
import { createDelivery, startOutboxWorker } from './platform/outbox';
import { loadDemoRegistersIfEmpty } from './registries/demo';
import { routeModules } from './routes';
import { startScheduledJobs } from './platform/scheduler';
import { scheduledJobs } from './jobs';
import { loadDemoKeys } from './authn/password/demo';
import { loadDemoAccess } from './access/demo';
import { startMonEspace } from './mon-espace/server';

/** Serves the platform until SIGINT/SIGTERM, then closes connections and the database gracefully. */
export async function serve(config: Config) {
  const ctx = await openContext(config);
  if (config.demoData) {
    if (await loadDemoRegistersIfEmpty(ctx.db)) console.log('First start: demo registers loaded.');
    await loadDemoKeys(ctx.db);
  }
  const app = await buildApp(ctx, routeModules);
  // After buildApp, which applies the role catalog the demo assignments need.
  if (config.demoData && (await loadDemoAccess(ctx))) console.log('First start: demo enterprise Ateliers Zéphyr registered, with its managers, employees and roles.');
  const { mail, sms } = createDelivery(config, ctx.db, app.log);
  const outbox = startOutboxWorker({ db: ctx.db, clock: ctx.clock, mail, sms, log: app.log }, config.outboxPollMs);
  const jobs = startScheduledJobs(scheduledJobs(ctx), app.log);
  const stops: Array<() => Promise<void> | void> = [() => outbox.stop(), () => jobs.stop()];
  const eidListener = await startEidListener(ctx, app.log);
  stops.push(() => eidListener.close());
  if (config.itsme.demo) {
    const itsmeDemo = await startItsmeDemo(ctx, app.log);
    stops.push(() => itsmeDemo.close());
  }

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
  if (config.demoData && config.monEspacePort !== 0) {
    const monEspace = await startMonEspace(config);
    stops.unshift(() => monEspace.close());
    app.log.info({ monEspace: monEspace.url }, 'Mon Espace, the demo relying application, is ready');
  }
  app.log.info({ address, publicUrl: config.publicUrl }, 'Sésame is ready');
  return { app, ctx, stops };
}
