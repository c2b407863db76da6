// `switchyard serve`: a headless host that drives releases and rolls them back when Alertmanager says so.

import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ALERTMANAGER_ACTOR } from '../../../app/gates/alerts';
import { stringOption, type CliCommand } from '../command';
import { dataDir, workspacePath } from '../context';
import { untilStopped, UsageError, type CliIo } from '../io';

export const DEFAULT_LISTEN = '127.0.0.1:9797';

export function parseListen(text: string): { host: string; port: number } {
  const match = /^(\[[0-9a-fA-F:]+\]|[^:]+):(\d{1,5})$/.exec(text.trim());
  const port = Number(match?.[2]);
  if (!match?.[1] || !Number.isInteger(port) || port > 65535) throw new UsageError(`--listen must be HOST:PORT (e.g. ${DEFAULT_LISTEN}), got "${text}"`);
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}

async function readSecret(path: string, io: CliIo): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --secret-file ${path}: ${(error as Error).message}`);
  }
  const secret = text.trim();
  if (secret.length < 16) throw new UsageError(`the secret in ${path} is ${secret.length === 0 ? 'empty' : 'shorter than 16 characters'}; use a long random token`);
  const mode = (await stat(path)).mode;
  if ((mode & 0o077) !== 0) io.err(`switchyard serve: warning: ${path} is readable by other users (mode ${(mode & 0o777).toString(8)}); chmod 600 it`);
  return secret;
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'drive releases headless and roll them back on Alertmanager webhook posts',
  usage: `switchyard serve --secret-file FILE [--workspace PATH] [--listen HOST:PORT]

  -w, --workspace PATH     workspace file (default ./switchyard.yaml)
      --listen HOST:PORT   where to accept webhooks (default ${DEFAULT_LISTEN}; port 0 picks a free one)
      --secret-file FILE   bearer token Alertmanager must send (http_config.authorization.credentials_file)

Alertmanager posts to http://HOST:PORT/alertmanager. A firing alert with a "service" label rolls back
that service's release, with the alert's summary annotation as the reason (actor "${ALERTMANAGER_ACTOR}").
The answer is 503 while the rollback has not happened yet (Alertmanager retries), 200 once it has or when
there is nothing to roll back; a re-send of the same alert never rolls back a release started later.
GET /healthz reports the journal and each target (503 while the journal cannot be written).`,
  options: {
    workspace: { type: 'string', short: 'w' },
    listen: { type: 'string' },
    'secret-file': { type: 'string' },
  },
  positionals: [],
  async run(args, io) {
    const secretFile = stringOption(args, 'secret-file');
    if (!secretFile) throw new UsageError('--secret-file is required: the webhook accepts only posts that carry its bearer token');
    const secret = await readSecret(resolve(io.cwd ?? process.cwd(), secretFile), io);
    const listen = parseListen(stringOption(args, 'listen') ?? DEFAULT_LISTEN);
    // Loaded on demand: only `serve` needs its web server.
    const [{ createHost }, { AlertLedger }, { drivingLines, watchDriving }, { startServeServer }] = await Promise.all([
      import('../../host/host'),
      import('../../serve/alert-ledger'),
      import('../../serve/drivers'),
      import('../../serve/server'),
    ]);
    const host = await createHost({
      workspacePath: workspacePath(args, io),
      operator: ALERTMANAGER_ACTOR,
      dataDir: dataDir(io),
      drive: true,
      kind: 'serve',
      onError: (error) => io.err(`switchyard serve: ${error instanceof Error ? error.message : String(error)}`),
    });
    const log = (line: string) => io.out(`switchyard serve: ${line}`);
    try {
      const ledger = new AlertLedger(join(host.stateDir, 'serve-alerts.json'), (problem) => io.err(`switchyard serve: ${problem}`));
      const server = await startServeServer({ api: host.api, release: (id) => host.release(id), ledger, secret, ...listen, log });
      let unwatch = () => {};
      try {
        const snapshot = await host.api.snapshot();
        for (const line of drivingLines(host.workspace.name, snapshot.services)) log(line);
        const journal = snapshot.health.journal;
        if (!journal.writable) log(`the journal cannot be written: ${journal.error ?? 'unknown error'}; rollbacks are answered 503 until it can`);
        if (journal.corrupt.count > 0) log(`the journal has ${journal.corrupt.count} lines that are not events (see switchyard status)`);
        unwatch = watchDriving(host.api, snapshot.services, log);
        log(`Alertmanager webhook at ${server.url}/alertmanager`);
        await untilStopped(io);
        log('stopping');
        return 0;
      } finally {
        unwatch();
        await server.close();
      }
    } finally {
      await host.close();
    }
  },
};
