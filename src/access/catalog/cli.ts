import { Command } from 'commander';
import type { Config } from '../../config';
import { withContext } from '../../platform/bootstrap';
import { applyDeclared, describeApplied } from './apply';
import { CatalogError, formatProblem, loadCatalogDir, readCatalogDir, withoutDemo } from './loader';

/** `sesame catalog …`: the role catalog (domains → applications → roles) of CATALOG_DIR or --dir. */
export function catalogCommand(config: () => Config): Command {
  const catalog = new Command('catalog').description('the role catalog: domains, applications and roles (YAML files)');
  catalog
    .command('check')
    .description('read and check the catalog files without applying them (exit code 1 with every problem, file and line)')
    .option('--dir <dir>', 'the catalog directory (default: CATALOG_DIR)')
    .action((o: { dir?: string }) => {
      const dir = o.dir ?? config().catalogDir;
      const { catalog: declared, problems } = readCatalogDir(dir);
      if (problems.length) {
        for (const p of problems) console.error(formatProblem(p));
        console.error(`${problems.length} problem(s): the catalog of ${dir} would be refused.`);
        process.exitCode = 1;
        return;
      }
      console.log(`Catalog (${dir}) is valid: ${declared.domains.length} domains, ${declared.applications.length} applications, ${declared.roles.length} roles.`);
    });
  catalog
    .command('apply')
    .description('apply the catalog files now (every start applies them too); running nodes see the change within a minute')
    .option('--dir <dir>', 'the catalog directory (default: CATALOG_DIR)')
    .action(async (o: { dir?: string }) => {
      const c = config();
      const dir = o.dir ?? c.catalogDir;
      try {
        // Checked before the database is opened: a refused catalog costs nothing.
        const declared = withoutDemo(loadCatalogDir(dir), c.demoData);
        const applied = await withContext(c, (ctx) => applyDeclared(ctx, declared, { actor: 'cli', source: dir }));
        console.log(describeApplied(applied, dir));
      } catch (error) {
        console.error(error instanceof CatalogError ? `${error.message}\nNothing applied.` : (error as Error).message);
        process.exitCode = 1;
      }
    });
  return catalog;
}
