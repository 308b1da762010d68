import { Command } from 'commander';
import { ConfigError, loadConfig, type Config } from './config';
import { verifyAuditChain } from './platform/audit/audit';
import { openContext } from './platform/bootstrap';
import { serve } from './server';

/** `sesame`: the operator's command line. */
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
    const ctx = await openContext(config());
    await ctx.db.destroy();
    console.log('Database schema is up to date.');
  });

const audit = program.command('audit').description('the audit log');
audit
  .command('verify')
  .description('check that no audit event was altered or removed (exit code 1 if one was)')
  .action(async () => {
    const ctx = await openContext(config());
    const check = await verifyAuditChain(ctx.db);
    await ctx.db.destroy();
    if (check.ok) {
      console.log(`Audit log intact: ${check.count} events verified.`);
    } else {
      console.error(`Audit log broken at event ${check.seq}: ${check.problem} (${check.count} events before it are intact).`);
      process.exitCode = 1;
    }
  });

await program.parseAsync();
