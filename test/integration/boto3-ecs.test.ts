// boto3/botocore, unchanged, as a second independent client of the sandbox ECS endpoint: a service update followed
// through its service deployment (list / describe / continue, the services_stable waiter, modelled exceptions).

import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';

const SCRIPT = join(__dirname, 'boto3-ecs-session.py');

function boto3Present(): boolean {
  try {
    execFileSync('python3', ['-c', 'import boto3'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const present = boto3Present();
if (!present) console.warn('boto3-ecs: python3 with boto3 is not installed; skipping the boto3 suite.');

function runScript(args: string[]): Promise<string> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
  return new Promise((resolve, reject) => {
    execFile('python3', [SCRIPT, ...args], { env, timeout: 240_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`boto3-ecs-session.py failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}

describe.skipIf(!present)('boto3 against the sandbox ECS endpoint', { timeout: 300_000 }, () => {
  let world: SandboxWorld;

  beforeAll(async () => {
    world = await startSandbox({ scenario: 'calm', speed: 120, seed: 5, onError: () => {} });
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('updates a service and follows its blue/green service deployment through a pause to the end', async () => {
    const profile = world.ecs.services.find((s) => s.service === 'profile')!;
    const out = JSON.parse(await runScript([world.ecs.endpoint, 'sandbox-cluster', 'profile', profile.candidateTaskDefinition!]));
    expect(out.before).toBe(profile.stableTaskDefinition);
    expect(out.updateTaskDefinition).toBe(profile.candidateTaskDefinition);
    expect(out.listedInProgress).toEqual([out.deployment]);
    expect(out.paused).toEqual({
      status: 'IN_PROGRESS',
      stage: 'POST_TEST_TRAFFIC_SHIFT',
      testWeight: 100,
      productionWeight: 0,
      createdAtType: 'datetime',
      hookExpiresAfterCreation: true,
    });
    expect(out.done).toEqual({ status: 'SUCCESSFUL', productionWeight: 100, finishedAtType: 'datetime' });
    expect(out.revisionTaskDefinition).toBe(profile.candidateTaskDefinition);
    expect(out.after).toEqual({ taskDefinition: profile.candidateTaskDefinition, runningCount: profile.desiredCount, desiredCount: profile.desiredCount });
    expect(out.newestDeployment).toBe(out.deployment);
    expect(out.historyHasMore).toBe(true);
    expect(out.stopCompleted).toBe('ConflictException');
    expect(out.missingService).toBe('ServiceNotFoundException');
  });
});
