// Health from real HAProxy through the host: a server failing its check is shown down; a step only sends traffic to
// healthy servers (one of two candidate servers down → all candidate traffic on the other, split still right under
// load); a step that would send traffic to a version with no healthy server is refused with a clear message.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../main/host/host';
import type { TrafficSplit } from '../../app/model';
import { haproxyAvailable, startRealHaproxy, type RealHaproxy } from '../support/real-haproxy';
import { roundRobinMarginPercent } from '../support/margins';
import { measureSplit } from '../support/split-meter';
import { startWrk, wrkAvailable } from '../support/wrk';

const plan = {
  strategy: 'canary',
  steps: [{ kind: 'setWeight', percent: 25 }, { kind: 'pause', durationMs: null }, { kind: 'setWeight', percent: 100 }],
};
const service = (id: string, backend: string, versions: Record<string, string[]>) => ({ id, backend, stable: 'v1', candidate: 'v2', versions, rules: [], plan });
const percentOf = (split: TrafficSplit | null | undefined, version: string) => split?.find((s) => s.version === version)?.percent;

describe.skipIf(!haproxyAvailable() || !wrkAvailable())('health from real HAProxy, through the host', () => {
  let haproxy: RealHaproxy;
  let host: Host;
  let dataDir: string;

  beforeAll(async () => {
    haproxy = await startRealHaproxy([
      {
        name: 'be_pay',
        servers: [
          { name: 'pay-v1-1', version: 'v1', weight: 100 },
          { name: 'pay-v1-2', version: 'v1', weight: 100 },
          { name: 'pay-v2-1', version: 'v2', weight: 0 },
          { name: 'pay-v2-2', version: 'v2', weight: 0, down: true },
        ],
      },
      { name: 'be_mail', servers: [{ name: 'mail-v1-1', version: 'v1', weight: 100 }, { name: 'mail-v2-1', version: 'v2', weight: 0, down: true }] },
    ]);
    dataDir = mkdtempSync(join(tmpdir(), 'sy-real-health-'));
    const workspace = {
      name: 'real-health',
      targets: [
        {
          id: 'edge-real',
          platform: 'haproxy',
          runtimeApi: haproxy.runtimeApi,
          services: [
            service('pay', 'be_pay', { v1: ['pay-v1-1', 'pay-v1-2'], v2: ['pay-v2-1', 'pay-v2-2'] }),
            service('mail', 'be_mail', { v1: ['mail-v1-1'], v2: ['mail-v2-1'] }),
          ],
        },
      ],
    };
    host = await createHost({ workspace: workspace as never, operator: 'alice', dataDir, drive: true, poll: false });
    // Health checks every 200 ms, fall 2: wait until HAProxy has marked the dead servers DOWN.
    const deadline = Date.now() + 10_000;
    for (;;) {
      await host.refresh();
      const down = (await host.api.snapshot()).services.flatMap((s) => s.instances).filter((i) => i.status === 'down');
      if (down.length === 2) break;
      if (Date.now() > deadline) throw new Error('HAProxy never marked the dead servers down');
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(async () => {
    await host?.close();
    await haproxy?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the server whose check fails as down, with its check status, and counts it out of ready', async () => {
    const pay = (await host.api.snapshot()).services.find((s) => s.id === 'pay')!;
    expect(pay.instances.map((i) => [i.name, i.status, i.check])).toEqual([
      ['pay-v1-1', 'up', 'L7OK'],
      ['pay-v1-2', 'up', 'L7OK'],
      ['pay-v2-1', 'up', 'L7OK'],
      ['pay-v2-2', 'down', 'L4CON'],
    ]);
    expect(pay.health.find((h) => h.version === 'v2')).toMatchObject({ instancesReady: 1, instancesTotal: 2 });
  });

  it('sends the candidate share only to the healthy candidate server, under load, with 0 failed requests', async () => {
    const connections = 4;
    const wrk = startWrk(haproxy.url('be_pay'), { connections });
    let measured;
    let set;
    try {
      const started = await host.api.act({ action: 'start', serviceId: 'pay' });
      expect(started.ok).toBe(true);
      set = percentOf((await host.api.snapshot()).services.find((s) => s.id === 'pay')!.split, 'v2')!;
      expect(set).toBeCloseTo(25, 0);
      measured = await measureSplit(haproxy, 'be_pay', (server) => server.split('-')[1]!, 2000);
    } finally {
      const result = await wrk.stop();
      expect({ non2xx: result.non2xx, socketErrors: result.socketErrors }).toEqual({ non2xx: 0, socketErrors: 0 });
    }
    expect(measured.byServer['pay-v2-2']).toBe(0);
    expect(measured.byServer['pay-v2-1']).toBeGreaterThan(0);
    // Round robin follows the weights set to within one pick per server and one request in flight per connection.
    const margin = roundRobinMarginPercent(measured.requests, { servers: Object.keys(measured.byServer).length, connections }) + Math.abs(set - 25);
    expect(Math.abs(measured.percent.v2! - 25), `HAProxy counted ${measured.percent.v2!.toFixed(2)}% of ${measured.requests}`).toBeLessThanOrEqual(margin);
    await host.api.act({ action: 'rollback', serviceId: 'pay', confirmed: true });
  });

  it('refuses a step that would send traffic to a version with no healthy server, and says why', async () => {
    const result = await host.api.act({ action: 'start', serviceId: 'mail' });
    expect(result.ok).toBe(false);
    expect(result.message).toContain('mail v2 has no healthy server (mail-v2-1 is DOWN, L4CON); refusing to send it traffic');
    const mail = (await host.api.snapshot()).services.find((s) => s.id === 'mail')!;
    expect(percentOf(mail.split, 'v1')).toBe(100);
    const [last] = await host.api.journal({ serviceId: 'mail' });
    expect(last).toMatchObject({ action: 'start', stage: 'failed' });
  });
});
