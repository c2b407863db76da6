// Process entry of the `switchyard` command (bundled to out/main/cli.cjs).
import { runCli } from './index';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`switchyard: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
