// One Kubernetes API server that accepts connections and never answers (a kubeconfig pointing at a listener that
// holds its sockets) beside a working HAProxy target: the host starts, shows the slow target with the reason, and
// every action and row of the HAProxy target goes on as if the cluster were not there.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StreamMessage } from '../../app/api';
import { HaproxyEmulator, HaproxyState, WorldClock } from '../../sandbox/index';
import { createHost, type Host } from '../../main/host/host';
import { kubernetesTargetSchema } from '../../adapters/kubernetes/index';
import { KubernetesPlatform } from '../../adapters/kubernetes/runtime';
import { ecsTargetSchema } from '../../adapters/ecs/index';
import { EcsPlatform } from '../../adapters/ecs/runtime';
import { cli } from './cli-helpers';

let dir: string;
let hanging: Server;
const held: Socket[] = [];
let emulator: HaproxyEmulator;
const hosts: Host[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sy-hanging-'));
  hanging = createServer((socket) => void held.push(socket));
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  const server = `http://127.0.0.1:${(hanging.address() as { port: number }).port}`;
  writeFileSync(
    join(dir, 'kubeconfig'),
    ['apiVersion: v1', 'kind: Config', 'current-context: prod', 'clusters:', `- name: prod\n  cluster:\n    server: ${server}\n    insecure-skip-tls-verify: true`,
      'users:', '- name: ops\n  user:\n    token: not-checked', 'contexts:', '- name: prod\n  context:\n    cluster: prod\n    user: ops', ''].join('\n'),
  );
  const state = new HaproxyState({
    clock: new WorldClock(),
    backends: [
      {
        name: 'be_checkout',
        servers: [
          { name: 'checkout-v1-1', addr: '10.0.0.1', port: 8080, weight: 100 },
          { name: 'checkout-v2-1', addr: '10.0.0.2', port: 8080, weight: 0 },
        ],
      },
    ],
  });
  emulator = new HaproxyEmulator(state);
  const { runtimeApi } = await emulator.listen();
  writeFileSync(
    join(dir, 'switchyard.yaml'),
    `name: shop
targets:
  - id: edge
    platform: haproxy
    runtimeApi: ${runtimeApi}
    services:
      - id: checkout
        backend: be_checkout
        stable: v1
        candidate: v2
        versions: { v1: [checkout-v1-1], v2: [checkout-v2-1] }
  - id: k8s-prod
    platform: kubernetes
    kubeconfig: ${join(dir, 'kubeconfig')}
    namespace: shop
    services:
      - id: web
        stable: v1
        candidate: v2
        httpRoute: web
        deployments: { v1: web-v1, v2: web-v2 }
  - id: k8s-found
    platform: kubernetes
    kubeconfig: ${join(dir, 'kubeconfig')}
    namespace: shop
`,
  );
});

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
  for (const socket of held.splice(0)) socket.destroy();
});

afterAll(async () => {
  await emulator.close();
  await new Promise((resolve) => hanging.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ SWITCHYARD_DATA_DIR: join(dir, 'data') });

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work;
  return { value, ms: Date.now() - started };
}

async function open(options: Partial<Parameters<typeof createHost>[0]> = {}): Promise<Host> {
  const host = await createHost({ workspacePath: join(dir, 'switchyard.yaml'), operator: 'alice', dataDir: join(dir, 'host-data'), drive: true, pollIntervalMs: 200, onError: () => undefined, ...options });
  hosts.push(host);
  return host;
}

describe('a target that accepts connections and never answers', () => {
  it('createHost answers its first snapshot promptly, the slow target marked with the reason', async () => {
    const { value: host, ms } = await timed(open());
    expect(ms).toBeLessThan(15_000);
    const snapshot = await host.api.snapshot();
    const target = (id: string) => snapshot.targets.find((t) => t.id === id);
    expect(target('edge')).toMatchObject({ state: 'connected' });
    expect(target('k8s-prod')?.state).not.toBe('connected');
    expect(target('k8s-prod')?.message).toMatch(/no answer within|still connecting/);
    const web = snapshot.services.find((s) => s.id === 'web');
    expect(web?.warning).toMatch(/k8s-prod|context "prod"/);
    expect(snapshot.services.find((s) => s.id === 'checkout')?.split).toEqual([
      { version: 'v1', percent: 100 },
      { version: 'v2', percent: 0 },
    ]);
  }, 30_000);

  it('keeps polling and acting on the HAProxy target while the cluster hangs', async () => {
    const host = await open();
    const checkoutPatches: number[] = [];
    const unsubscribe = host.api.subscribe((m: StreamMessage) => {
      if (m.type === 'patch' && m.patch.series?.some((s) => s.serviceId === 'checkout')) checkoutPatches.push(Date.now());
    });
    const { value: result, ms } = await timed(host.api.act({ action: 'start', serviceId: 'checkout' }));
    expect(result.ok).toBe(true);
    expect(ms).toBeLessThan(15_000);
    expect((await host.api.snapshot()).services.find((s) => s.id === 'checkout')?.split).toContainEqual({ version: 'v2', percent: 5 });
    // Polled every 200 ms: several ticks of checkout within 3 s, although every poll of the cluster waits seconds.
    const since = Date.now();
    await expect.poll(() => checkoutPatches.filter((t) => t >= since).length, { timeout: 3000, interval: 100 }).toBeGreaterThanOrEqual(3);
    unsubscribe();
  }, 30_000);

  it('fails a call the engine makes on the slow target at its deadline, naming the target', async () => {
    const host = await open({ deadlines: { readMs: 1000, changeMs: 2000, connectMs: 2000 }, startWaitMs: 500 });
    const { value: result, ms } = await timed(host.api.act({ action: 'start', serviceId: 'web' }));
    expect(ms).toBeLessThan(15_000);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/k8s-prod \(prod · http:\/\/127\.0\.0\.1:\d+\): no answer within [12] s/);
  }, 30_000);

  it('the Kubernetes client gives up a request the server never answers, and closing drops what waits', async () => {
    const target = kubernetesTargetSchema.parse({ id: 'k8s-prod', platform: 'kubernetes', kubeconfig: join(dir, 'kubeconfig'), namespace: 'shop', connect: 'open', leases: false });
    const platform = new KubernetesPlatform(target, { requestTimeoutMs: 500, loginPath: async () => process.env.PATH ?? '' });
    const { value: error, ms } = await timed(platform.open().then(() => null, (e: unknown) => e));
    expect(ms).toBeLessThan(10_000);
    expect(String(error)).toContain('no answer from the API server (the request timed out)');
    expect(platform.targetView()).toMatchObject({ state: 'unreachable' });
    const slow = new KubernetesPlatform(target, { loginPath: async () => process.env.PATH ?? '' });
    const connecting = slow.open().then(() => null, (e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closed = await timed(slow.close());
    expect(closed.ms).toBeLessThan(5000);
    expect(String(await connecting)).toMatch(/cancelled: the target was closed|closed while connecting/);
  }, 30_000);

  it('the ECS client gives up an attempt the endpoint never answers', async () => {
    const endpoint = `http://127.0.0.1:${(hanging.address() as { port: number }).port}`;
    const target = ecsTargetSchema.parse({ id: 'shop-ecs', platform: 'ecs', region: 'us-east-1', cluster: 'shop', endpoint, services: [{ id: 'orders', service: 'orders', stable: 'v1' }] });
    const platform = new EcsPlatform(target, { requestTimeoutMs: 200 });
    const { value: error, ms } = await timed(platform.observe('orders').then(() => null, (e: unknown) => e));
    await platform.close();
    expect(ms).toBeLessThan(15_000);
    expect(String(error)).toMatch(/shop in us-east-1 .*DescribeServices failed: ETIMEDOUT: .*exceeded the configured 200 ms requestTimeout/);
    expect(platform.targetView()).toMatchObject({ state: 'unreachable' });
  }, 30_000);

  it('switchyard status prints within seconds, naming the target that does not answer', async () => {
    const { value: run, ms } = await timed(cli(['status'], { cwd: dir, env: env() }));
    expect(ms).toBeLessThan(15_000);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/checkout +haproxy +v1 +v2 +Idle/);
    expect(run.out).toMatch(/target k8s-prod \(prod · http:\/\/127\.0\.0\.1:\d+\): (connecting|unreachable): .*(no answer within 5 s|still connecting)/);
  }, 30_000);

  it('switchyard start of the HAProxy service acts, and connects to no other target', async () => {
    const before = held.length;
    const { value: run, ms } = await timed(cli(['start', 'checkout'], { cwd: dir, env: env() }));
    expect(ms).toBeLessThan(15_000);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('checkout: started the release of v2');
    expect(held.length).toBe(before);
    expect((await cli(['rollback', 'checkout', '--reason', 'test done'], { cwd: dir, env: env() })).code).toBe(0);
    expect(held.length).toBe(before);
  }, 30_000);
});
