// One driver per release through a Lease, and an expired watch (410) re-listing without the operator noticing.

import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startKubeWorld, type KubeWorld } from './kube-adapter-world';
import { detailText } from '../fixtures/detail-text';

describe('Kubernetes adapter: Leases and expired watches', () => {
  let world: KubeWorld;
  beforeAll(async () => {
    world = await startKubeWorld();
  });
  afterAll(() => world?.stop());

  it('lets one instance drive a release; the other sees the holder until it is released', async () => {
    const now = { t: Date.now() };
    const first = world.platform({}, { identity: 'alice@laptop/101', now: () => now.t });
    const second = world.platform({}, { identity: 'bob@desk/202', now: () => now.t });
    expect(await first.leases.acquireLease('web')).toEqual({ held: true });
    const refused = await second.leases.acquireLease('web');
    expect(refused).toMatchObject({ held: false, holder: 'alice@laptop/101' });
    expect(await second.leases.leaseHolder('web')).toBe('alice@laptop/101');
    const lease = await (await first.open()).clients.coordination.readNamespacedLease({ name: 'switchyard-web', namespace: 'shop' });
    expect(lease.spec?.holderIdentity).toBe('alice@laptop/101');
    expect(String(lease.spec?.renewTime)).toMatch(/\.\d{6}Z$/);

    await first.leases.releaseLease('web');
    expect(await second.leases.leaseHolder('web')).toBeNull();
    expect(await second.leases.acquireLease('web')).toEqual({ held: true });
    expect(await first.leases.acquireLease('web')).toMatchObject({ held: false, holder: 'bob@desk/202' });
  });

  it('takes over a Lease its holder stopped renewing', async () => {
    const now = { t: Date.now() };
    const gone = world.platform({}, { identity: 'carol@crashed/1', now: () => now.t, leaseSeconds: 15 });
    const next = world.platform({}, { identity: 'dave@desk/2', now: () => now.t, leaseSeconds: 15 });
    expect(await gone.leases.acquireLease('checkout')).toEqual({ held: true });
    expect(await next.leases.acquireLease('checkout')).toMatchObject({ held: false, holder: 'carol@crashed/1' });
    now.t += 16_000;
    expect(await next.leases.acquireLease('checkout')).toEqual({ held: true });
    const lease = await (await next.open()).clients.coordination.readNamespacedLease({ name: 'switchyard-checkout', namespace: 'shop' });
    expect(lease.spec?.leaseTransitions).toBe(1);
  });

  it('re-lists after a 410 Expired watch and keeps the view live', async () => {
    const proxy = await startExpiringProxy(world.url);
    const kubeconfig = join(world.dir, 'via-proxy');
    await writeFile(
      kubeconfig,
      `apiVersion: v1\nkind: Config\ncurrent-context: p\nclusters:\n- name: p\n  cluster: { server: '${proxy.url}', insecure-skip-tls-verify: true }\nusers:\n- name: u\n  user: { token: t }\ncontexts:\n- name: p\n  context: { cluster: p, user: u }\n`,
    );
    const platform = world.platform({ kubeconfig });
    const { clients } = await platform.open();
    await eventually(() => platform.observe('web'), (o) => o.instances.length === 4);
    // Every open watch ends; the informers come back with their resourceVersion and get 410 Expired.
    proxy.expireWatches();
    await clients.custom.patchNamespacedCustomObject(
      { group: 'gateway.networking.k8s.io', version: 'v1', namespace: 'shop', plural: 'httproutes', name: 'web', body: { spec: { rules: [{ backendRefs: [{ name: 'web-v1', port: 80, weight: 60 }, { name: 'web-v2', port: 80, weight: 40 }] }] } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const seen = await eventually(() => platform.observe('web'), (o) => o.split.find((e) => e.version === 'v2')?.percent === 40);
    expect(proxy.expiredSent()).toBeGreaterThan(0);
    expect(detailText(seen.detail)).not.toContain('stale');
    expect(platform.targetView()).toMatchObject({ state: 'connected', message: null });
    await proxy.close();
  });
});

/** Forwards to the API server; after expireWatches(), ends open watches and answers the next re-watch of each path with 410. */
async function startExpiringProxy(upstream: string) {
  const target = new URL(upstream);
  const open = new Set<ServerResponse>();
  const expiring = new Set<string>();
  let expired = 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const isWatch = url.searchParams.get('watch') === 'true';
    if (isWatch && url.searchParams.get('resourceVersion') && expiring.delete(url.pathname)) {
      expired++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`${JSON.stringify({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'too old resource version: 5 (120)', reason: 'Expired', code: 410 } })}\n`);
      return;
    }
    const forward = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
      if (isWatch) {
        open.add(res);
        res.on('close', () => open.delete(res));
      }
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    expireWatches() {
      for (const res of open) {
        expiring.add(new URL((res.req as IncomingMessage).url ?? '/', 'http://proxy').pathname);
        res.end();
      }
    },
    expiredSent: () => expired,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
