import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import type { Config } from '../../config';
import { withContext } from '../../platform/bootstrap';
import { checkNrn, formatNrn } from '../../registries/identifiers';
import { DemoCaError, issueTestCard, revokeTestCard, testCardPkcs12 } from './demo-ca';

/** `sesame eid …`: test cards of the demo certification authority. */
export function eidCommand(config: () => Config): Command {
  const eid = new Command('eid').description('the eID card key: test cards of the demo certification authority');

  eid
    .command('test-card')
    .description('write a PKCS#12 file (certificate, key and chain) of a demo eID card that a browser can import')
    .requiredOption('--nrn <number>', 'national register number of a person of the national register')
    .option('--out <file>', 'where to write the file (default: eid-<nrn>.p12)')
    .option('--password <password>', 'password of the file, asked by the browser on import', '1234')
    .action(async (options: { nrn: string; out?: string; password: string }) => {
      const checked = checkNrn(options.nrn);
      if (!checked.ok) {
        console.error(`Not a valid national register number: ${options.nrn}`);
        process.exitCode = 1;
        return;
      }
      await withContext(config(), async (ctx) => {
        const card = await issueTestCard(ctx, checked.value.nrn);
        const out = options.out ?? `eid-${checked.value.nrn}.p12`;
        await writeFile(out, await testCardPkcs12(card, options.password), { mode: 0o600 });
        console.log(`Test eID card of ${card.name} (${formatNrn(checked.value.nrn)}) written to ${out}.`);
        console.log(`Serial number: ${card.serial}; valid until ${card.card.certificate.notAfter.toISOString().slice(0, 10)}; file password: ${options.password}`);
        console.log(`Import it into your browser's certificates, then choose "eID card reader" at ${ctx.config.publicUrl}/login.`);
      }).catch((error: unknown) => {
        if (!(error instanceof DemoCaError)) throw error;
        console.error(error.message);
        process.exitCode = 1;
      });
    });

  eid
    .command('revoke')
    .description('revoke a demo eID card: the demo OCSP responder answers "revoked", and its serial number goes on the demo CA\'s CRL')
    .requiredOption('--serial <serial>', 'serial number in hexadecimal, as test-card printed it')
    .action(async (options: { serial: string }) => {
      await withContext(config(), async (ctx) => {
        const revoked = await revokeTestCard(ctx, options.serial);
        if (!revoked) {
          console.error(`No demo eID card has serial number ${options.serial}.`);
          process.exitCode = 1;
        } else {
          console.log(revoked.already ? `Card ${revoked.serial} was already revoked.` : `Card ${revoked.serial} revoked: the demo OCSP responder says so at once, and it is on the next CRL (within 5 minutes).`);
        }
      });
    });

  return eid;
}
