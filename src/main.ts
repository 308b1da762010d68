import { ConfigError, loadConfig } from './config';

// The configuration is checked before anything else loads, so that a bad
// value stops the start with exactly one line, before any library speaks.
try {
  loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const { runCli } = await import('./cli');
await runCli(process.argv);
