// An Unleash that accepts connections and never answers: each Admin API call ends at its deadline with a message
// naming the server, and the host's flag stores end theirs at the host's deadline.

import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnleashFlagStore } from '../../adapters/unleash/index';
import type { WorkspaceConfig } from '../../adapters/registry';
import { createFlagStores } from '../../main/host/flag-stores';

describe('an Unleash that never answers', () => {
  let server: Server;
  let url: string;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const target = () => ({ id: 'flags', platform: 'unleash' as const, url, project: 'default', environment: 'production', tokenEnv: 'T' });

  it('the adapter gives up on each call at its own deadline', async () => {
    const store = new UnleashFlagStore(target(), { T: 'token' }, 300);
    const started = Date.now();
    await expect(store.setEnabled('new-checkout', false)).rejects.toThrow(`Unleash at ${url} did not answer within 300 ms`);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("the host's flag store ends a change at the host's deadline, naming the target", async () => {
    const workspace = { name: 'w', targets: [], flagTargets: [{ ...target(), name: 'Shop Unleash' }] } as unknown as WorkspaceConfig;
    const stores = createFlagStores(workspace, { readMs: 200, connectMs: 200, changeMs: 250 }, { T: 'token' });
    const store = stores.storeFor({ id: 'checkout', flags: [{ target: 'flags', flag: 'new-checkout' }] }, 'new-checkout');
    await expect(store.setEnabled('new-checkout', false)).rejects.toThrow('Shop Unleash (Unleash): no answer within 0.3 s (turn new-checkout off)');
    const [view] = await stores.read({ id: 'checkout', flags: [{ target: 'flags', flag: 'new-checkout' }] });
    expect(view).toMatchObject({ flag: 'new-checkout', state: null, problem: 'Shop Unleash (Unleash): no answer within 0.2 s (read new-checkout)' });
    await stores.close();
  });
});
