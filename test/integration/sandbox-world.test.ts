import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { workspaceSchema } from '../../app/workspace';
import { listScenarios, startSandbox, type SandboxWorld } from '../../sandbox/index';
import { cliRequest } from './sandbox-cli';

const scenariosDir = join(__dirname, '..', '..', 'resources', 'scenarios');
let world: SandboxWorld | null = null;
let dir: string | null = null;

afterEach(async () => {
  await world?.stop();
  world = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

function runtimeAddress(w: SandboxWorld) {
  const target = w.workspace.targets.find((t) => t.platform === 'haproxy');
  if (!target) throw new Error('the sandbox workspace has no HAProxy target');
  const match = /^tcp:\/\/([^:]+):(\d+)$/.exec(String(target.runtimeApi))!;
  return { host: match[1]!, port: Number(match[2]) };
}

async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

describe('sandbox world', () => {
  it('lists scenarios and refuses an unknown one with the list', async () => {
    expect(await listScenarios(scenariosDir)).toEqual(expect.arrayContaining(['calm', 'good-canary', 'bad-canary']));
    await expect(startSandbox({ scenario: 'nope', scenariosDir })).rejects.toThrow(/available scenarios: .*calm/);
  });

  it('starts calm: a valid workspace that reaches the HAProxy emulator and the metrics endpoint, and writes switchyard.yaml', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sy-world-'));
    world = await startSandbox({ scenariosDir, speed: 10, dir });
    const workspace = world.workspace;
    expect(workspaceSchema.parse(workspace)).toEqual(workspace);
    expect(workspace.sandbox).toMatchObject({ scenario: 'calm', speed: 10, autoStart: [] });
    expect(workspace.targets[0]!.services.length).toBeGreaterThanOrEqual(6);
    expect(workspace.metrics?.type).toBe('sandbox');

    const file = readFileSync(join(dir, 'switchyard.yaml'), 'utf8');
    expect(file.startsWith('# Switchyard workspace for the built-in sandbox world.')).toBe(true);
    expect(workspaceSchema.parse(parse(file))).toEqual(workspace);

    const address = runtimeAddress(world);
    expect(await cliRequest(address, 'get weight be_checkout/checkout-1.5.0-1')).toBe('0 (initial 0)\n\n');
    expect(await cliRequest(address, 'set server be_checkout/checkout-1.5.0-1 weight 100')).toBe('\n');

    const metricsUrl = workspace.metrics!.url;
    const body = await waitFor(
      async () => (await fetch(`${metricsUrl}/v1/metrics?service=checkout`)).json() as Promise<{ versions: { version: string; requestRate: number; p99Ms: number | null }[] }>,
      (m) => (m.versions.find((v) => v.version === '1.5.0')?.requestRate ?? 0) > 0,
    );
    expect(body).toMatchObject({ service: 'checkout', windowMs: 10_000 });
    const candidate = body.versions.find((v) => v.version === '1.5.0')!;
    expect(candidate.requestRate).toBeGreaterThan(0);
    expect(candidate.p99Ms).not.toBeNull();

    const stat = await cliRequest(address, 'show stat be_checkout 2 -1');
    const backend = stat.split('\n')[1]!.split(',');
    expect(Number(backend[7])).toBeGreaterThan(0); // stot

    const prometheus = await (await fetch(`${metricsUrl}/metrics`)).text();
    expect(prometheus).toMatch(/switchyard_sandbox_requests_total\{service="checkout",version="1\.4\.2"\} \d+/);
    expect(prometheus).toMatch(/quantile="0\.99"/);

    const healthz = await fetch(`${metricsUrl}/v1/smoke/checkout/1.5.0/healthz`);
    expect(healthz.status).toBe(200);
    expect(await healthz.json()).toEqual({ status: 'ok' });
    expect((await fetch(`${metricsUrl}/v1/smoke/checkout/9.9.9/healthz`)).status).toBe(404);
    expect((await fetch(`${metricsUrl}/v1/metrics?service=nope`)).status).toBe(404);
  });

  it('emits autoStart for the canary scenarios', async () => {
    world = await startSandbox({ scenario: 'bad-canary', scenariosDir });
    expect(world.workspace.sandbox?.autoStart).toEqual([{ serviceId: 'checkout', afterMs: 10_000 }]);
    const checkout = world.workspace.targets[0]!.services.find((s) => s.id === 'checkout')!;
    expect(checkout.rules?.[0]).toMatchObject({ metric: 'errorRate', threshold: 0.01, sustainMs: 120_000 });
  });

  it('stop() closes every listener', async () => {
    world = await startSandbox({ scenariosDir });
    const address = runtimeAddress(world);
    const metricsUrl = world.workspace.metrics!.url;
    await world.stop();
    world = null;
    await expect(
      new Promise((resolve, reject) => {
        const socket = createConnection(address);
        socket.on('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.on('error', reject);
      }),
    ).rejects.toThrow(/ECONNREFUSED/);
    await expect(fetch(`${metricsUrl}/metrics`)).rejects.toThrow();
  });
});
