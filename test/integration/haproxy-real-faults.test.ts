// Faults end to end (host + engine + real HAProxy 2.6): HAProxy killed mid-release, the runtime socket closing
// mid-command, HAProxy restarted (runtime weights lost) → mismatch seen, Step re-applies, Rollback works.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../main/host/host';
import type { JournalEvent } from '../../app/release';
import type { TrafficSplit } from '../../app/model';
import { haproxyAvailable, startRealHaproxy, type RealHaproxy } from '../support/real-haproxy';
import { startClosingProxy, type ClosingProxy } from '../support/closing-proxy';

const SERVERS = { v1: ['web-v1-1', 'web-v1-2'], v2: ['web-v2-1', 'web-v2-2'] };

function workspace(runtimeApi: string) {
  return {
    name: 'real-faults',
    targets: [
      {
        id: 'edge-real',
        platform: 'haproxy',
        runtimeApi,
        services: [
          {
            id: 'web',
            backend: 'be_web',
            strategy: 'canary',
            stable: 'v1',
            candidate: 'v2',
            versions: SERVERS,
            rules: [],
            plan: {
              strategy: 'canary',
              steps: [
                { kind: 'setWeight', percent: 25 },
                { kind: 'pause', durationMs: null },
                { kind: 'setWeight', percent: 50 },
                { kind: 'pause', durationMs: null },
                { kind: 'setWeight', percent: 100 },
              ],
            },
          },
        ],
      },
    ],
  };
}

const percentOf = (split: TrafficSplit | null | undefined, version: string) => split?.find((s) => s.version === version)?.percent;

describe.skipIf(!haproxyAvailable())('faults on real HAProxy, through the host and engine', () => {
  let haproxy: RealHaproxy;
  let proxy: ClosingProxy;
  let dataDir: string;
  let host: Host | null = null;

  beforeAll(async () => {
    haproxy = await startRealHaproxy([
      { name: 'be_web', servers: [...SERVERS.v1.map((name) => ({ name, version: 'v1', weight: 100 })), ...SERVERS.v2.map((name) => ({ name, version: 'v2', weight: 0 }))] },
    ]);
    proxy = await startClosingProxy(haproxy.runtimeApi.slice('unix://'.length));
  });
  afterAll(async () => {
    await proxy?.close();
    await haproxy?.stop();
  });
  afterEach(async () => {
    await host?.close();
    host = null;
    rmSync(dataDir, { recursive: true, force: true });
    proxy.closes = () => false;
  });

  async function open(runtimeApi: string): Promise<Host> {
    dataDir = mkdtempSync(join(tmpdir(), 'sy-real-faults-'));
    host = await createHost({ workspace: workspace(runtimeApi) as never, operator: 'alice', dataDir, drive: true, poll: false });
    await host.refresh();
    return host;
  }
  const service = async (h: Host) => (await h.api.snapshot()).services.find((s) => s.id === 'web')!;
  const journal = (h: Host) => h.api.journal({ serviceId: 'web' });

  it('HAProxy killed mid-release: the step fails naming the target, the journal records it, the UI shows it unreachable; a restart is noticed; Step applies the pending step or re-applies the split', async () => {
    const h = await open(haproxy.runtimeApi);
    expect((await h.api.act({ action: 'start', serviceId: 'web' })).ok).toBe(true);
    expect(percentOf((await service(h)).split, 'v2')).toBe(25);

    await haproxy.kill();
    const failed = await h.api.act({ action: 'step', serviceId: 'web' });
    expect(failed.ok).toBe(false);
    expect(failed.message).toContain('target edge-real');
    const [last] = await journal(h);
    expect(last).toMatchObject({ action: 'step', stage: 'failed' });
    expect(last!.message).toContain('target edge-real');
    await h.refresh();
    const snapshot = await h.api.snapshot();
    expect(snapshot.targets.find((t) => t.id === 'edge-real')!.state).toBe('unreachable');
    expect((await service(h)).warning).toContain('target edge-real');

    // Back, from its config file: the runtime weights the release set are gone.
    await haproxy.restart();
    await h.refresh();
    await h.refresh();
    const warned = await service(h);
    expect(percentOf(warned.split, 'v2')).toBe(0);
    expect(warned.warning).toMatch(/is not what the release set \(v2 25%\).*Step re-applies the release's split \(or its pending traffic step\); Rollback returns traffic to v1/);
    const notes = (await journal(h)).filter((e: JournalEvent) => e.action === 'mismatch');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ stage: 'note', actor: 'switchyard' });

    // The release waits on the step that failed (setWeight 50): Step applies it, which also puts HAProxy right.
    expect((await h.api.act({ action: 'step', serviceId: 'web' })).release!.candidatePercent).toBe(50);
    expect((await service(h)).warning).toBeNull();

    // Restarted while the release waits at a gate: Step re-applies 50 % and stays at the gate.
    await haproxy.restart();
    await h.refresh();
    await h.refresh();
    const gate = await service(h);
    expect(gate.warning).toMatch(/not what the release set \(v2 50%\): HAProxy be_web: web-v2-1 weight 0 \(step wants 100\)/);
    const reapplied = await h.api.act({ action: 'step', serviceId: 'web' });
    expect(reapplied).toMatchObject({ ok: true });
    expect(reapplied.message).toContain('re-applied v2 50%');
    expect(reapplied.release!.stepIndex).toBe(gate.release!.stepIndex); // still at the gate
    const healed = await service(h);
    expect(percentOf(healed.split, 'v2')).toBe(50);
    expect(healed.warning).toBeNull();
    expect(await haproxy.requests('be_web', 40)).toEqual({ v1: 20, v2: 20 });
    const [reapplyDone] = await journal(h);
    expect(reapplyDone).toMatchObject({ action: 'step', stage: 'done' });
    expect(percentOf(reapplyDone!.splitBefore, 'v2')).toBe(0);
    expect(percentOf(reapplyDone!.splitAfter, 'v2')).toBe(50);

    // Restarted again, then rolled back: rollback works from whatever HAProxy has.
    await haproxy.restart();
    await h.refresh();
    await h.refresh();
    expect((await service(h)).warning).toMatch(/not what the release set/);
    const rolledBack = await h.api.act({ action: 'rollback', serviceId: 'web', confirmed: true });
    expect(rolledBack.release!.phase).toBe('RolledBack');
    expect(percentOf((await service(h)).split, 'v1')).toBe(100);
    expect((await service(h)).warning).toBeNull();
  });

  it('the runtime socket closing mid-change: the action fails naming the target, and the journal holds the split re-read from HAProxy', async () => {
    await haproxy.restart(); // weights from the config file, whatever the test before left
    const h = await open(proxy.runtimeApi);
    let sets = 0;
    // The first `set` goes through, the second one's connection is closed: a change left half-done.
    proxy.closes = (command) => command.startsWith('set server') && ++sets === 2;
    const result = await h.api.act({ action: 'start', serviceId: 'web' });
    expect(result.ok).toBe(false);
    expect(result.message).toContain(`HAProxy runtime API at ${proxy.runtimeApi} (target edge-real) closed the connection mid-command`);
    expect(result.message).toMatch(/applied 1 of \d+ changes to web; live split: v1 [\d.]+%, v2 [\d.]+%/);
    const [last] = await journal(h);
    expect(last).toMatchObject({ action: 'start', stage: 'failed' });
    const live = (await service(h)).split;
    expect(last!.splitAfter).toEqual(live);
    expect(percentOf(live, 'v2')).toBeGreaterThan(0); // honest: the one change that landed is shown as live

    proxy.closes = () => false;
    const retried = await h.api.act({ action: 'step', serviceId: 'web' });
    expect(retried.ok).toBe(true);
    expect(percentOf((await service(h)).split, 'v2')).toBe(25);
    await h.api.act({ action: 'rollback', serviceId: 'web', confirmed: true });
    expect(percentOf((await service(h)).split, 'v2')).toBe(0);
  });
});
