// The README's kubectl and aws ecs newcomer sessions, run as printed (through bash, command after command) on a fresh
// sandbox world: only /tmp/world becomes the test's own directory, and the line starting the world is the test's.

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';
import { awsCliPath } from './aws-cli-helpers';
import { hasKubectl } from './kubectl-cluster';

const root = join(__dirname, '..', '..');
const scenariosDir = join(root, 'resources', 'scenarios');
const blocks = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
const blockWith = (text: string): string => {
  const found = blocks.find((b) => b.includes(text));
  if (!found) throw new Error(`README.md has no sh block with ${text}`);
  return found;
};

/** Runs a README block with bash -e in `dir` (for /tmp/world), nothing of the user's kube or AWS config read. */
function session(script: string, dir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    AWS_CONFIG_FILE: join(dir, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  return new Promise((resolve) => {
    execFile('bash', ['-e', '-c', script.replaceAll('/tmp/world', dir)], { env, cwd: dir, timeout: 420_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('the README command-line sessions, as printed', { timeout: 480_000 }, () => {
  let world: SandboxWorld | undefined;
  let dir = '';
  const freshWorld = async (options: { scenario: string; speed: number }) => {
    dir = mkdtempSync(join(tmpdir(), 'sy-readme-'));
    world = await startSandbox({ ...options, scenariosDir, dir, seed: 7, onError: () => {} });
  };
  afterEach(async () => {
    await world?.stop();
    world = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!hasKubectl)('runs the kubectl session on the world the README starts (bad-canary at speed 10)', async () => {
    await freshWorld({ scenario: 'bad-canary', speed: 10 });
    const script = blockWith('export KUBECONFIG=/tmp/world/kubeconfig');
    const { code, stdout, stderr } = await session(script, dir);
    expect(stderr.split('\n').filter((l) => /error|unsupported/i.test(l))).toEqual([]);
    expect(code).toBe(0);
    for (const line of ['namespace/tutorial created', 'deployment.apps/web created', 'service/web exposed', 'deployment.apps/web scaled', 'deployment.apps/web image updated', 'deployment.apps/web rolled back', 'serviceaccount/build-bot created', 'ingress.networking.k8s.io/web created', 'namespace "tutorial" deleted']) {
      expect(stdout).toContain(line);
    }
    expect(stdout.match(/deployment "web" successfully rolled out/g)).toHaveLength(2);
    expect(stdout).toMatch(/ScalingReplicaSet\s+deployment\/web\s+Scaled up replica set web-/);
    // kubectl logs --tail=3: the pod's start line, or the requests it served since (the session may outpace traffic).
    expect(stdout).toMatch(/Listening on 0\.0\.0\.0:80 \(nginx:1\.27\)|"sandbox-traffic\/1\.0"/);
    expect(stdout).toContain('FIELD: strategy <DeploymentStrategy>');
    expect(stdout).toMatch(/^build-bot\s+0\s+\S+$/m);
    expect(stdout).toMatch(/^web\s+<none>\s+web\.example\.com\s+80\s+\S+$/m);
  });

  it.skipIf(!awsCliPath())('runs the aws ecs session from a new cluster (the world of `switchyard sandbox --speed 60`)', async () => {
    await freshWorld({ scenario: 'calm', speed: 60 });
    const script = blockWith('ecs create-cluster --cluster-name training').split('\n').filter((l) => !l.startsWith('npx switchyard sandbox')).join('\n');
    const { code, stdout, stderr } = await session(script, dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/"\(service web\) has started 1 tasks: \(task [0-9a-f]{32}\)\."/);
    expect(stdout).toMatch(/"taskDefinition": "arn:aws:ecs:us-east-1:000000000000:task-definition\/web:2"/);
    expect(stdout).toMatch(/"stoppedReason": "one-off done"/);
    expect(stdout).toMatch(/"group": "family:web"/);
    expect(stdout).toMatch(/"status": "DRAINING"/);
    expect(stdout.trim().endsWith('}')).toBe(true);
    expect(stdout).toMatch(/"clusterName": "training",[\s\S]*"status": "INACTIVE"[\s\S]*$/);
  });
});
