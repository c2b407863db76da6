// A newcomer's second kubectl session on a fresh sandbox world: the everyday commands beyond Deployments — can I?,
// one-off Jobs and pods that run to completion, CronJobs, the namespace's root CA, `kubectl top`, an autoscaler.
// Each step checks what the newcomer would read in kubectl's output.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';
import { hasKubectl, kubectlRunner, table, type KubectlRunner } from './kubectl-cluster';

const scenariosDir = join(__dirname, '..', '..', 'resources', 'scenarios');

describe.skipIf(!hasKubectl)('a newcomer\'s everyday kubectl commands on a fresh sandbox world', { timeout: 120_000 }, () => {
  let world: SandboxWorld;
  let dir: string;
  let k: KubectlRunner;
  const rows = async (...args: string[]) => table(await k.ok(...args));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sy-newcomer-more-'));
    world = await startSandbox({ scenario: 'calm', scenariosDir, speed: 1, dir, seed: 12 });
    k = kubectlRunner(world.kubernetes.kubeconfigPath!, dir);
  });
  afterAll(async () => {
    await world?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks what it may do: everything, as the one user of the sandbox', async () => {
    expect(await k.ok('auth', 'can-i', 'create', 'deployments')).toBe('yes\n');
    expect(await k.ok('auth', 'can-i', 'delete', 'pods', '-n', 'kube-system')).toBe('yes\n');
    expect(await k.ok('auth', 'can-i', 'get', '/healthz')).toBe('yes\n');
    const list = await rows('auth', 'can-i', '--list');
    expect(list[0]).toEqual(['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs']);
    expect(list[1]).toEqual(['*.*', '[]', '[]', '[*]']);
    expect(list[2]).toEqual(['[*]', '[]', '[*]']);
  });
});
