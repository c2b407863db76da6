// `npm start`: opens the control room in an Electron window, or serves it to the browser when Electron can't run.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { launchHost } from './launch-host';
import { probeElectron } from './electron-probe';
import { electronArgs, parseLaunchArgs, USAGE, type LaunchOptions } from './launcher-args';
import { decideMode } from './launcher-mode';
import { packageRoot } from './package-root';
import { startWebServer } from './web/server';

const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const handlers = new Map<NodeJS.Signals, () => void>();
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      const handler = () => {
        for (const [s, h] of handlers) process.off(s, h);
        resolve(signal);
      };
      handlers.set(signal, handler);
      process.on(signal, handler);
    }
  });
}

async function runBrowser(options: LaunchOptions, reason: string, root: string): Promise<number> {
  const staticDir = join(root, 'out', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${join(staticDir, 'index.html')} is missing); run "npm run build" first.`);
  }
  const room = await launchHost(options);
  let web: Awaited<ReturnType<typeof startWebServer>>;
  try {
    web = await startWebServer({ api: room.api, staticDir, port: options.port });
  } catch (error) {
    await room.close();
    throw error;
  }
  console.log(reason);
  console.log(`Switchyard control room: ${web.url}`);
  console.log('Press Ctrl-C to stop.');

  await nextSignal();
  console.log('Stopping the control room...');
  const force = () => process.exit(130);
  process.once('SIGINT', force);
  await web.close();
  await room.close();
  process.off('SIGINT', force);
  return 0;
}

/** Resolves with the Electron exit code, or with the error when the runtime could not even be spawned. */
function runElectron(electronPath: string, options: LaunchOptions, root: string): Promise<{ code: number } | { error: Error }> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    const child = spawn(electronPath, [root, ...electronArgs(options)], { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
    const forwarders = FORWARDED_SIGNALS.map((signal) => [signal, forward(signal)] as const);
    for (const [signal, handler] of forwarders) process.on(signal, handler);
    const done = (result: { code: number } | { error: Error }) => {
      for (const [signal, handler] of forwarders) process.off(signal, handler);
      resolve(result);
    };
    child.once('error', (error) => done({ error }));
    child.once('exit', (code, signal) => done({ code: code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1) }));
  });
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseLaunchArgs(argv);
  if (!parsed.ok) {
    console.error(`switchyard: ${parsed.message}`);
    return 2;
  }
  const { options } = parsed;
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const root = packageRoot();
  const decision = await decideMode({ web: options.web, platform: process.platform, env: process.env }, () =>
    probeElectron({
      cwd: root,
      onSlow: () => console.log('Looking for the Electron runtime (the first start downloads it; this can take up to a minute)...'),
    }),
  );
  if (decision.mode === 'browser') return runBrowser(options, decision.reason, root);

  const result = await runElectron(decision.electronPath, options, root);
  if ('code' in result) return result.code;
  const reason = `Browser mode: the Electron runtime could not be started (${result.error.message}); serving the control room in your browser instead.`;
  return runBrowser(options, reason, root);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`switchyard: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
