// Process entry of the `switchyard` command (bundled to out/main/cli.cjs).
import { runCli } from './index';

/**
 * Once the command is done, the process ends even if a connection to a target that never answered is still open
 * (its request would time out later); output already written is flushed first.
 */
function exitSoon(code: number): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), 500).unref();
}

runCli(process.argv.slice(2)).then(
  (code) => exitSoon(code),
  (error: unknown) => {
    console.error(`switchyard: ${error instanceof Error ? error.message : String(error)}`);
    exitSoon(1);
  },
);
