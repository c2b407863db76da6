// When ECS ends a deployment on its own, the control room's release ends too, with ECS's reason in the journal;
// a promote's remaining hooks are continued by a host that restarted in between.

import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EcsTargetConfig } from '../../adapters/ecs/index';
import { EcsPlatform } from '../../adapters/ecs/runtime';
import type { JournalEvent } from '../../app/release';
import type { Workspace } from '../../app/workspace';
import { createHost, type Host } from '../../main/host/host';
import { WorldClock } from '../../sandbox/emulators/clock';
import { ecsScenarioSchema } from '../../sandbox/world/ecs/scenario-schema';
import { seedEcs } from '../../sandbox/world/ecs/seed';
import { EcsEndpoint } from '../../sandbox/emulators/ecs/server';
import { EcsState } from '../../sandbox/emulators/ecs/state';
import { until } from '../support/until';

let dir = '';
let endpoint: EcsEndpoint | null = null;
let clock: WorldClock | null = null;
const hosts: Host[] = [];
let observer: EcsPlatform | null = null;

afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  await observer?.close();
  await endpoint?.close();
  clock?.clearAll();
  observer = null;
  endpoint = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** An ECS world at 600× with one CANARY service, v1 running, v2 to release; a workspace that reaches it. */
async function world(options: { candidateTasks?: 'healthy' | 'fail-to-start'; hookTimeoutMinutes?: number }): Promise<Workspace> {
  dir = mkdtempSync(join(tmpdir(), 'sy-ecs-outcome-'));
  clock = new WorldClock({ speed: 600 });
  const state = new EcsState({ clock });
  const seeded = seedEcs(
    state,
    ecsScenarioSchema.parse({
      clusters: [
        {
          name: 'shop',
          services: [
            {
              id: 'checkout',
              service: 'checkout',
              strategy: 'CANARY',
              desiredCount: 2,
              image: 'registry.example/checkout',
              stable: 'v1',
              candidate: 'v2',
              versions: { v1: {}, v2: { tasks: options.candidateTasks ?? 'healthy' } },
            },
          ],
        },
      ],
    }),
  );
  endpoint = new EcsEndpoint(state);
  const url = await endpoint.listen('127.0.0.1', 0);
  const target = {
    id: 'shop-ecs',
    platform: 'ecs' as const,
    region: 'us-east-1',
    cluster: 'shop',
    endpoint: url,
    services: [
      {
        id: 'checkout',
        service: 'checkout',
        strategy: 'canary' as const,
        stable: 'v1',
        candidate: 'v2',
        versions: { v2: seeded[0]!.candidateTaskDefinition! },
        hookTimeoutMinutes: options.hookTimeoutMinutes ?? 1440,
      },
    ],
  };
  return { name: 'ecs-outcome', targets: [target] } as unknown as Workspace;
}

async function openHost(workspace: Workspace): Promise<Host> {
  const host = await createHost({ workspace, operator: 'alice', dataDir: join(dir, 'data'), drive: true, pollIntervalMs: 100, onError: () => undefined });
  hosts.push(host);
  return host;
}

const release = async (host: Host) => (await host.api.snapshot()).services.find((s) => s.id === 'checkout')!.release;
const journal = async (host: Host): Promise<JournalEvent[]> => host.api.journal({ serviceId: 'checkout', limit: 50 });
/** The journal once it holds an event like `wanted`: a release is committed a moment before its record closes. */
const journalWith = (host: Host, wanted: (e: JournalEvent) => boolean) => until(() => journal(host), (events) => events.some(wanted), 5000);

describe('ECS ends a deployment on its own: the release ends with it', () => {
  it('a candidate whose tasks fail trips the circuit breaker: the release is rolled back, saying why', async () => {
    const host = await openHost(await world({ candidateTasks: 'fail-to-start' }));
    expect((await host.api.act({ action: 'start', serviceId: 'checkout' })).ok).toBe(true);

    const ended = await until(() => release(host), (r) => r?.phase === 'RolledBack' || r?.phase === 'Failed');
    expect(ended?.phase).toBe('RolledBack');
    expect(ended?.reason).toMatch(/^ECS rolled back v2 on checkout: ECS deployment circuit breaker: tasks failed to start/);
    expect(ended?.candidatePercent).toBe(0);

    const isDone = (e: JournalEvent) => e.action === 'auto-rollback' && e.stage === 'done';
    const done = (await journalWith(host, isDone)).find(isDone);
    expect(done).toMatchObject({ actor: 'ecs', reason: ended?.reason });
    expect(done?.splitAfter).toEqual([{ version: 'v1', percent: 100 }]);
  });

  it('a PAUSE hook that times out with ROLLBACK rolls the release back, saying why', async () => {
    const host = await openHost(await world({ hookTimeoutMinutes: 1 }));
    const started = await host.api.act({ action: 'start', serviceId: 'checkout' });
    expect(started.release?.phase).toBe('Paused');

    const ended = await until(() => release(host), (r) => r?.phase !== 'Paused' && r?.phase !== 'Progressing');
    expect(ended).toMatchObject({ phase: 'RolledBack', reason: 'ECS rolled back v2 on checkout: Lifecycle hook timed out; the timeout action is ROLLBACK' });
    const events = await journalWith(host, (e) => e.action === 'auto-rollback' && e.stage === 'done');
    expect(events.find((e) => e.action === 'auto-rollback' && e.stage === 'intent')).toMatchObject({ actor: 'ecs' });
    expect(events.find((e) => e.action === 'auto-rollback' && e.stage === 'done')?.message).toContain('back to v1');
  });
});

describe('promote on ECS survives a restart', () => {
  it('a restarted host continues the remaining PAUSE hooks, and the release ends Promoted when ECS succeeds', async () => {
    const workspace = await world({});
    const first = await openHost(workspace);
    const target = workspace.targets[0]!;
    observer = new EcsPlatform(target as unknown as EcsTargetConfig, { refreshMs: 0 });
    expect((await first.api.act({ action: 'start', serviceId: 'checkout' })).ok).toBe(true);
    await until(() => observer!.observe('checkout'), (o) => o.ecs?.deployment?.hooks.some((h) => h.status === 'AWAITING_ACTION') ?? false);

    const promoted = await first.api.act({ action: 'promote', serviceId: 'checkout', confirmed: true, reason: 'ship it' });
    expect(promoted.ok).toBe(true);
    // ECS goes on in its own steps: the release runs until ECS says how its deployment ended.
    expect(promoted.release).toMatchObject({ phase: 'Progressing', candidatePercent: 100, native: { promoting: true } });
    expect(promoted.release?.reason).toContain('the platform finishes its deployment of v2');
    await first.close();
    hosts.splice(hosts.indexOf(first), 1);

    // Nobody continues the hook before the 100 % shift while no host runs.
    const waiting = await until(
      () => observer!.observe('checkout'),
      (o) => (o.ecs?.deployment?.hooks.some((h) => h.status === 'AWAITING_ACTION') ?? false) && o.split.some((e) => e.version === 'v2' && e.percent === 10),
    );
    expect(waiting.ecs?.deployment?.status).toBe('IN_PROGRESS');

    const second = await openHost(workspace);
    const ended = await until(() => release(second), (r) => r?.phase === 'Promoted' || r?.phase === 'RolledBack' || r?.phase === 'Failed');
    expect(ended).toMatchObject({ phase: 'Promoted', reason: 'ECS finished deploying v2 on checkout (SUCCESSFUL)' });
    expect((await observer.observe('checkout')).split).toEqual([{ version: 'v2', percent: 100 }]);
    const isComplete = (e: JournalEvent) => e.action === 'complete' && e.stage === 'done';
    const complete = (await journalWith(second, isComplete)).find(isComplete);
    expect(complete).toMatchObject({ actor: 'ecs' });
    expect(complete?.splitAfter).toEqual([{ version: 'v2', percent: 100 }]);
  });
});
