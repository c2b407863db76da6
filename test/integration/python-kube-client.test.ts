// A second, independent Kubernetes client against the sandbox world: the official Python client (Debian's
// python3-kubernetes) lists Deployments, scales one by a patch and watches it until the new pods are ready.

import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(__dirname, 'python', 'deployment_client.py');
const scenariosDir = join(__dirname, '..', '..', 'resources', 'scenarios');

function hasPythonClient(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import kubernetes'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function runClient(args: string[]): Promise<{ code: number; steps: Record<string, unknown>[]; stderr: string }> {
  return new Promise((resolve) => {
    execFile(PYTHON, [SCRIPT, ...args], { timeout: 90_000 }, (error, stdout, stderr) => {
      const steps = String(stdout).split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, steps, stderr: String(stderr) });
    });
  });
}

describe.skipIf(!hasPythonClient())('the Python Kubernetes client against the sandbox world', () => {
  let world: SandboxWorld;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sy-python-kube-'));
    world = await startSandbox({ scenario: 'calm', scenariosDir, speed: 2, dir, seed: 3 });
  });
  afterAll(async () => {
    await world?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the Deployments, patches one to 6 replicas and sees it ready through a watch', async () => {
    const deployment = world.kubernetes.services.find((s) => s.deployment)?.deployment;
    expect(deployment).toBeDefined();
    const { code, steps, stderr } = await runClient([world.kubernetes.kubeconfigPath!, world.kubernetes.namespace, deployment!, '6']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [list, patch, watched] = steps;
    expect(list).toMatchObject({ step: 'list', resourceVersion: expect.stringMatching(/^\d+$/) });
    expect(list!.names).toContain(deployment);
    expect(patch).toEqual({ step: 'patch', replicas: 6, generation: 2 });
    expect(watched).toMatchObject({ step: 'watch', ready: 6, observedGeneration: 2 });
    // The watch saw the replicas come up one change at a time, not one final list.
    const events = watched!.events as { type: string; ready: number }[];
    expect(events.every((e) => e.type === 'MODIFIED')).toBe(true);
    expect(events.length).toBeGreaterThan(1);
    expect(events.at(-1)!.ready).toBe(6);
  });
});
