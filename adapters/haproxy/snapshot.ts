// Reads backends and their servers from the runtime API: `show stat` for status/weights/checks,
// `show servers state` for the admin state (a drained server that fails its check shows only DOWN in show stat).

import { RuntimeCommandError, type RuntimeApiClient } from './runtime-client';
import { isShowStatAnswer, parseServerStatus } from './show-stat';
import { isServersStateAnswer, parseServersState, type ServerStateRow } from './servers-state';
import { sameServer, serverView, type ServerView } from './server-view';

/** backend name → server name → view, in HAProxy's order. */
export type BackendServers = Map<string, Map<string, ServerView>>;

/**
 * All backends (no argument) or one; a backend HAProxy does not know is simply absent from the result. A server that
 * reads as it did in `previous` keeps that view object: 10,000 servers a poll, most of them unchanged, are then not
 * new objects to keep (and promote) until the next poll.
 */
export async function readBackends(client: RuntimeApiClient, backend?: string, previous?: BackendServers | null): Promise<BackendServers> {
  if (backend !== undefined) client.assertSafeName(backend);
  const statAnswer = await readOrMissing(client, backend === undefined ? 'show stat -1 6 -1' : `show stat ${backend} 6 -1`, isShowStatAnswer);
  const result: BackendServers = new Map();
  if (statAnswer === null) return result;
  let lastProxy = '';
  const states = await readServersState(client, backend);
  let servers: Map<string, ServerView> | undefined;
  let backendStates: Map<string, ServerStateRow> | undefined;
  let before: Map<string, ServerView> | undefined;
  for (const row of parseServerStatus(statAnswer, states === null)) {
    if (row.type === 'frontend' || row.type === 'listener') continue;
    // HAProxy lists each backend's servers together: the maps change only when the backend does.
    if (servers === undefined || row.proxy !== lastProxy) {
      lastProxy = row.proxy;
      servers = result.get(row.proxy);
      if (!servers) result.set(row.proxy, (servers = new Map()));
      backendStates = states?.get(row.proxy);
      before = previous?.get(row.proxy);
    }
    if (row.type !== 'server') continue;
    const view = serverView(row, backendStates?.get(row.name));
    const held = before?.get(row.name);
    servers.set(row.name, held !== undefined && sameServer(held, view) ? held : view);
  }
  return result;
}

/** backend → server → its row. */
async function readServersState(client: RuntimeApiClient, backend?: string): Promise<Map<string, Map<string, ServerStateRow>> | null> {
  const command = backend === undefined ? 'show servers state' : `show servers state ${backend}`;
  try {
    const answer = await readOrMissing(client, command, isServersStateAnswer);
    const byBackend = new Map<string, Map<string, ServerStateRow>>();
    for (const row of answer === null ? [] : parseServersState(answer)) {
      let servers = byBackend.get(row.backend);
      if (!servers) byBackend.set(row.backend, (servers = new Map()));
      servers.set(row.server, row);
    }
    return byBackend;
  } catch (err) {
    // An implementation without `show servers state`: fall back to the admin state show stat implies.
    if (err instanceof RuntimeCommandError && /unknown command/i.test(err.answer)) return null;
    throw err;
  }
}

const MISSING_BACKEND = /^(No such proxy\.|Can't find backend\.|No such backend\.)/;

async function readOrMissing(client: RuntimeApiClient, command: string, looksRight: (a: string) => boolean): Promise<string | null> {
  try {
    return await client.read(command, looksRight);
  } catch (err) {
    if (err instanceof RuntimeCommandError && MISSING_BACKEND.test(err.answer.trim())) return null;
    throw err;
  }
}
