import { Command } from 'commander';
import { ConfigError, loadConfig, type Config } from './config';
import { scheduledJobs } from './jobs';
import { verifyAuditChain } from './platform/audit/audit';
import { withContext } from './platform/bootstrap';
import { loadDemoAccess } from './access/demo';
import { applyCatalog } from './access/catalog/apply';
import { loadDemoKeys } from './authn/password/demo';
import { loadDemoRegisters } from './registries/demo';
import { importRegisters, summariseImport } from './registries/import';
import { serve } from './server';
import { eidCommand } from './authn/eid/cli';
import { clientsCommand, keysCommand } from './oidc/cli';
import { catalogCommand } from './access/catalog/cli';
import { withSamlServiceProviders } from './saml/cli';

/** `sesame`: the operator's command line (loaded by main.ts once the configuration is known to be valid). */
const program = new Command('sesame').description('Sésame identity and access management platform');

function config(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

program
  .command('serve', { isDefault: true })
  .description('serve the platform (runs migrations first)')
  .action(async () => {
    await serve(config());
  });

program
  .command('migrate')
  .description('bring the database schema up to date')
  .action(async () => {
    await withContext(config(), async () => {});
    console.log('Database schema is up to date.');
  });

program
  .command('import-registers')
  .argument('<dir>', 'a directory of KBO/BCE open-data files (full or monthly update), persons.csv and legal_functions.csv')
  .description('import the national register and enterprise register files of a directory')
  .action(async (dir: string) => {
    const shown = 100;
    let problems = 0;
    await withContext(config(), async (ctx) => {
      const report = await importRegisters(ctx.db, dir, {
        onProblem: (p) => {
          if (++problems <= shown) console.error(`${p.file}:${p.line}: ${p.message}`);
        },
      });
      if (problems > shown) console.error(`… and ${problems - shown} more problem(s).`);
      for (const line of summariseImport(report)) console.log(line);
      if (report.files.length === 0) process.exitCode = 1;
    }).catch((error: unknown) => {
      console.error(`Cannot import ${dir}: ${(error as Error).message}`);
      process.exitCode = 1;
    });
  });

program
  .command('demo-data')
  .description('load the demo data serve loads on first start: the fictitious registers, the demo digital keys, and Ateliers Zéphyr with its managers, employees and roles')
  .action(async () => {
    await withContext(config(), async (ctx) => {
      for (const line of summariseImport(await loadDemoRegisters(ctx.db))) console.log(line);
      console.log('Demo registers loaded.');
      await loadDemoKeys(ctx.db);
      // The demo roles need the catalog, which serve applies at start.
      await applyCatalog(ctx, ctx.config.catalogDir);
      console.log((await loadDemoAccess(ctx)) ? 'Demo enterprise Ateliers Zéphyr registered, with its managers, employees and roles.' : 'Demo enterprise Ateliers Zéphyr: already registered.');
    });
  });

const jobs = program.command('jobs').description('scheduled maintenance, which every serving node also runs hourly (each job is safe to run concurrently)');
jobs
  .command('run')
  .description('run every scheduled job once: deactivate token cards unused for 12 months, end memberships past their end date')
  .action(async () => {
    await withContext(config(), async (ctx) => {
      for (const job of scheduledJobs(ctx)) console.log(`${job.name}: ${JSON.stringify(await job.run())}`);
    });
  });

const audit = program.command('audit').description('the audit log');
audit
  .command('verify')
  .description('check that no audit event was altered or removed (exit code 1 if one was)')
  .action(async () => {
    const check = await withContext(config(), (ctx) => verifyAuditChain(ctx.db));
    if (check.ok) {
      console.log(`Audit log intact: ${check.count} events verified.`);
    } else {
      console.error(`Audit log broken at event ${check.seq}: ${check.problem} (${check.count} events before it are intact).`);
      process.exitCode = 1;
    }
  });

program.addCommand(eidCommand(config));
program.addCommand(withSamlServiceProviders(clientsCommand(config), config));
program.addCommand(keysCommand(config));
program.addCommand(catalogCommand(config));

export async function runCli(argv: string[]) {
  await program.parseAsync(argv);
}
