// A newcomer's second kubectl session on a fresh sandbox world: the everyday commands beyond Deployments — can I?,
// one-off Jobs and pods that run to completion, CronJobs, the namespace's root CA, `kubectl top`, an autoscaler.
// Each step checks what the newcomer would read in kubectl's output.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';
import { eventually, hasKubectl, kubectlRunner, table, type KubectlRunner } from './kubectl-cluster';

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

  it('runs a one-off Job to completion, waits for it, reads its output, and deletes it', async () => {
    expect(await k.ok('create', 'job', 'hello', '--image=busybox', '--', 'echo', 'hi')).toBe('job.batch/hello created\n');
    const running = await rows('get', 'jobs');
    expect(running[0]).toEqual(['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE']);
    expect(running[1]?.slice(0, 3)).toEqual(['hello', 'Running', '0/1']);
    expect(await k.ok('wait', '--for=condition=complete', 'job/hello', '--timeout=60s')).toBe('job.batch/hello condition met\n');
    const [, done] = await rows('get', 'jobs');
    expect(done?.slice(0, 3)).toEqual(['hello', 'Complete', '1/1']);
    expect(done?.[3]).toMatch(/^\d+s$/);
    const pods = (await rows('get', 'pods', '-l', 'job-name=hello')).slice(1);
    expect(pods).toHaveLength(1);
    expect(pods[0]?.[0]).toMatch(/^hello-[a-z0-9]{5}$/);
    expect(pods[0]?.slice(1, 4)).toEqual(['0/1', 'Completed', '0']);
    expect(await k.ok('logs', 'job/hello')).toBe('hi\n');
    expect(await k.ok('get', 'job', 'hello', '-o', 'jsonpath={.status.succeeded} {.status.conditions[*].type}')).toBe('1 SuccessCriteriaMet Complete');
    expect(await k.ok('describe', 'job', 'hello')).toMatch(/Pods Statuses:\s+0 Active \(0 Ready\) \/ 1 Succeeded \/ 0 Failed[\s\S]*Normal\s+Completed\s+\S+\s+job-controller\s+Job completed/);
    expect(await k.ok('delete', 'job', 'hello')).toBe('job.batch "hello" deleted\n');
    await eventually(() => k.kubectl('get', 'pods', '-l', 'job-name=hello'), (r) => r.stderr.startsWith('No resources found'));
  });

  it('runs a bare pod once: kubectl run --restart=Never ends Completed with its output', async () => {
    expect(await k.ok('run', 'once', '--image=busybox', '--restart=Never', '--', 'echo', 'hi')).toBe('pod/once created\n');
    expect(await k.ok('wait', '--for=jsonpath={.status.phase}=Succeeded', 'pod/once', '--timeout=60s')).toBe('pod/once condition met\n');
    expect((await rows('get', 'pod', 'once'))[1]?.slice(0, 3)).toEqual(['once', '0/1', 'Completed']);
    expect(await k.ok('logs', 'once')).toBe('hi\n');
    expect(await k.ok('delete', 'pod', 'once')).toBe('pod "once" deleted\n');
  });

  it('creates a nightly CronJob, lists it, runs it once by hand; kubectl explain knows Jobs', async () => {
    const typo = await k.kubectl('create', 'cronjob', 'nightly', '--image=busybox', '--schedule=0 3 * *', '--', 'echo', 'tick');
    expect(typo.stderr).toBe('error: failed to create cronjob: CronJob.batch "nightly" is invalid: spec.schedule: Invalid value: "0 3 * *": expected exactly 5 fields, found 4: 0 3 * *\n');
    expect(await k.ok('create', 'cronjob', 'nightly', '--image=busybox', '--schedule=0 3 * * *', '--', 'echo', 'tick')).toBe('cronjob.batch/nightly created\n');
    const cronjobs = await rows('get', 'cronjobs');
    expect(cronjobs[0]).toEqual(['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE']);
    expect(cronjobs[1]?.slice(0, 6)).toEqual(['nightly', '0 3 * * *', '<none>', 'False', '0', '<none>']);
    expect(await k.ok('get', 'cj', 'nightly', '-o', 'jsonpath={.spec.jobTemplate.spec.template.spec.restartPolicy}')).toBe('OnFailure');
    expect(await k.ok('create', 'job', 'nightly-now', '--from=cronjob/nightly')).toBe('job.batch/nightly-now created\n');
    await k.ok('wait', '--for=condition=complete', 'job/nightly-now', '--timeout=60s');
    expect(await k.ok('logs', 'job/nightly-now')).toBe('tick\n');
    const spec = await k.ok('explain', 'job.spec');
    expect(spec).toContain('FIELD: spec <JobSpec>');
    expect(spec).toMatch(/backoffLimit\t<integer>\n\s+Specifies the number of retries before marking this job failed/);
    expect(await k.ok('delete', 'cronjob', 'nightly')).toBe('cronjob.batch "nightly" deleted\n');
  });

  it('finds the cluster\'s CA in a new namespace\'s kube-root-ca.crt ConfigMap, put back when deleted', async () => {
    expect(await k.ok('create', 'namespace', 'batch-demo')).toBe('namespace/batch-demo created\n');
    const listed = await eventually(() => k.kubectl('get', 'configmaps', '-n', 'batch-demo'), (r) => r.stdout.includes('kube-root-ca.crt'));
    expect(table(listed.stdout)[1]?.slice(0, 2)).toEqual(['kube-root-ca.crt', '1']);
    const ca = await k.ok('get', 'configmap', 'kube-root-ca.crt', '-n', 'batch-demo', '-o', 'jsonpath={.data.ca\\.crt}');
    expect(ca).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/);
    expect(await k.ok('delete', 'configmap', 'kube-root-ca.crt', '-n', 'batch-demo')).toBe('configmap "kube-root-ca.crt" deleted\n');
    await eventually(() => k.kubectl('get', 'configmap', 'kube-root-ca.crt', '-n', 'batch-demo'), (r) => r.code === 0);
  });

  it('sees with kubectl top that the pods serving traffic use more CPU than an idle one, and what the nodes carry', async () => {
    await k.ok('create', 'namespace', 'quiet');
    expect(await k.ok('create', 'deployment', 'idle', '--image=nginx:1.27', '-n', 'quiet')).toBe('deployment.apps/idle created\n');
    await k.ok('rollout', 'status', 'deployment/idle', '-n', 'quiet', '--timeout=60s');
    const millicores = (cell: string | undefined) => Number(/^(\d+)m$/.exec(cell ?? '')?.[1] ?? NaN);
    const idle = await eventually(() => rows('top', 'pods', '-n', 'quiet'), (r) => r.length === 2);
    expect(idle[0]).toEqual(['NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    expect(idle[1]?.[2]).toMatch(/^\d+Mi$/);
    // storefront serves 180 requests a second over its 3 stable (2.3.0) pods; the canary (2.4.0) has no weight yet.
    const storefront = (await rows('top', 'pods', '-l', 'app.kubernetes.io/name=storefront')).slice(1);
    const stable = storefront.filter((r) => r[0]?.startsWith('storefront-2-3-0-'));
    const canary = storefront.filter((r) => r[0]?.startsWith('storefront-2-4-0-'));
    expect([stable.length, canary.length]).toEqual([3, 3]);
    for (const pod of stable) expect(millicores(pod[1])).toBeGreaterThan(millicores(idle[1]?.[1]) + 20);
    for (const pod of canary) expect(millicores(pod[1])).toBeLessThan(millicores(idle[1]?.[1]) + 3);
    const all = await rows('top', 'pods', '-A');
    expect(all[0]).toEqual(['NAMESPACE', 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    expect(all.some((r) => r[0] === 'quiet' && r[1]?.startsWith('idle-'))).toBe(true);
    const nodes = await rows('top', 'nodes');
    expect(nodes[0]).toEqual(['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']);
    expect(nodes.slice(1).map((r) => r[0])).toEqual(['sandbox-node-1', 'sandbox-node-2', 'sandbox-node-3']);
    const nodeCpu = nodes.slice(1).reduce((sum, r) => sum + millicores(r[1]), 0);
    const podCpu = all.slice(1).reduce((sum, r) => sum + millicores(r[2]), 0);
    expect(nodeCpu).toBeGreaterThan(podCpu);
  });

  it('autoscales a Deployment: kubectl autoscale, get hpa; the minimum is enforced before any metric is read', async () => {
    await k.ok('create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=1', '-n', 'quiet');
    expect(await k.ok('autoscale', 'deployment', 'web', '--min=2', '--max=5', '--cpu-percent=80', '-n', 'quiet')).toBe('horizontalpodautoscaler.autoscaling/web autoscaled\n');
    const hpa = await rows('get', 'hpa', '-n', 'quiet');
    expect(hpa[0]).toEqual(['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE']);
    expect(hpa[1]?.slice(0, 5)).toEqual(['web', 'Deployment/web', 'cpu: <unknown>/80%', '2', '5']);
    // Below its minimum, the autoscaler scales the Deployment up before reading any metric.
    await eventually(() => k.ok('get', 'deployment', 'web', '-n', 'quiet', '-o', 'jsonpath={.spec.replicas}'), (r) => r === '2');
    expect(await k.ok('get', 'hpa', 'web', '-n', 'quiet', '-o', 'jsonpath={.status.currentReplicas} {.status.desiredReplicas}')).toBe('1 2');
    const described = await k.ok('describe', 'hpa', 'web', '-n', 'quiet');
    expect(described).toMatch(/SuccessfulRescale\s+\S+\s+horizontal-pod-autoscaler\s+New size: 2; reason: Current number of replicas below Spec.MinReplicas/);
  });

  it('autoscales the busy storefront on CPU once its pods request CPU', async () => {
    const deployment = 'storefront-2-3-0';
    expect(await k.ok('set', 'resources', `deployment/${deployment}`, '--requests=cpu=50m')).toBe(`deployment.apps/${deployment} resource requirements updated\n`);
    await k.ok('rollout', 'status', `deployment/${deployment}`, '--timeout=60s');
    await eventually(() => k.ok('get', 'pods', '-l', 'app.kubernetes.io/version=2.3.0', '-o', 'jsonpath={.items[*].metadata.deletionTimestamp}'), (r) => r.trim() === '');
    await k.ok('autoscale', `deployment/${deployment}`, '--min=3', '--max=5', '--cpu-percent=80');
    // 180 requests a second over 3 pods is about 90m each, 180 % of 50m: the autoscaler goes to its maximum.
    await eventually(() => k.ok('get', 'deployment', deployment, '-o', 'jsonpath={.spec.replicas}'), (r) => r === '5');
    const [, row] = await rows('get', 'hpa', deployment);
    const utilization = Number(/^cpu: (\d+)%\/80%$/.exec(row?.[2] ?? '')?.[1]);
    expect(utilization).toBeGreaterThan(80);
    const described = await k.ok('describe', 'hpa', deployment);
    expect(described).toMatch(/New size: 5; reason: cpu resource utilization \(percentage of request\) above target/);
    expect(described).toMatch(/ScalingActive\s+True\s+ValidMetricFound/);
  });
});
