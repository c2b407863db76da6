// A newcomer's kubectl session on a fresh sandbox world, typed as tutorials type it: create a namespace, a Deployment,
// expose it, roll out, scale, update the image, undo, look around (get, describe, events, logs, explain), clean up.
// Each step checks what the newcomer would look at in kubectl's output.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';
import { eventually, hasKubectl, kubectlRunner, table, type KubectlRunner } from './kubectl-cluster';

const scenariosDir = join(__dirname, '..', '..', 'resources', 'scenarios');
const ROLLOUT = ['rollout', 'status', 'deployment/web', '--timeout=90s'];

describe.skipIf(!hasKubectl)('a newcomer kubectl session on a fresh sandbox world', { timeout: 120_000 }, () => {
  let world: SandboxWorld;
  let dir: string;
  let k: KubectlRunner;
  const rows = async (...args: string[]) => table(await k.ok(...args));
  const image = () => k.ok('get', 'deployment', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}');
  const firstPod = () => k.ok('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sy-newcomer-'));
    // World speed 1: kubectl describe ages events by the machine's clock, as it would on a real cluster.
    world = await startSandbox({ scenario: 'calm', scenariosDir, speed: 1, dir, seed: 11 });
    k = kubectlRunner(world.kubernetes.kubeconfigPath!, dir);
  });
  afterAll(async () => {
    await world?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a namespace, makes it the current one, and finds it empty', async () => {
    expect((await rows('get', 'namespaces')).map((r) => r[0])).not.toContain('tutorial');
    expect(await k.ok('create', 'namespace', 'tutorial')).toBe('namespace/tutorial created\n');
    expect((await rows('get', 'namespace', 'tutorial'))[1]?.slice(0, 2)).toEqual(['tutorial', 'Active']);
    expect(await k.ok('config', 'set-context', '--current', '--namespace=tutorial')).toBe('Context "switchyard-sandbox" modified.\n');
    const empty = await k.kubectl('get', 'all');
    expect(empty).toMatchObject({ code: 0, stdout: '', stderr: 'No resources found in tutorial namespace.\n' });
  });

  it('looks at the nodes: Ready, with a heartbeat and the kubelet\'s Lease', async () => {
    const nodes = (await rows('get', 'nodes')).slice(1);
    expect(nodes.map((r) => r.slice(0, 2))).toEqual([1, 2, 3].map((n) => [`sandbox-node-${n}`, 'Ready']));
    const described = await k.ok('describe', 'node', 'sandbox-node-1');
    expect(described).toMatch(/Lease:\s+HolderIdentity:\s+sandbox-node-1\n\s+AcquireTime:\s+<unset>\n\s+RenewTime:\s+\w{3}, \d\d \w{3} 20\d\d/);
    expect(described).toMatch(/Ready\s+True\s+\w{3}, \d\d \w{3} 20\d\d [\d:]+ \+0000\s+\w{3}, \d\d \w{3} 20\d\d [\d:]+ \+0000\s+KubeletReady/);
  });

  it('creates a Deployment and watches it roll out', async () => {
    expect(await k.ok('create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=3', '--port=80')).toBe('deployment.apps/web created\n');
    expect((await k.ok(...ROLLOUT)).trim().split('\n').at(-1)).toBe('deployment "web" successfully rolled out');
    expect((await rows('get', 'deployments'))[1]?.slice(0, 4)).toEqual(['web', '3/3', '3', '3']);
    const pods = (await rows('get', 'pods', '-l', 'app=web')).slice(1);
    expect(pods).toHaveLength(3);
    for (const pod of pods) expect(pod.slice(1, 3)).toEqual(['1/1', 'Running']);
  });

  it('exposes it, and the endpoints follow the ready pods', async () => {
    expect(await k.ok('expose', 'deployment', 'web', '--port=80', '--target-port=80')).toBe('service/web exposed\n');
    const [, svc] = await rows('get', 'service', 'web');
    expect(svc?.slice(0, 2)).toEqual(['web', 'ClusterIP']);
    expect(svc?.[4]).toBe('80/TCP');
    const [, endpoints] = await rows('get', 'endpoints', 'web');
    expect(endpoints?.[1]?.split(',')).toHaveLength(3);
    expect(endpoints?.[1]).toMatch(/^(10\.244\.\d+\.\d+:80,?)+$/);
    const slices = (await rows('get', 'endpointslices', '-l', 'kubernetes.io/service-name=web')).slice(1);
    expect(slices).toHaveLength(1);
    expect(slices[0]?.slice(1, 3)).toEqual(['IPv4', '80']);
    expect(slices[0]?.[3]?.split(',')).toHaveLength(3);
    expect(await k.ok('create', 'service', 'nodeport', 'web-np', '--tcp=80:80')).toBe('service/web-np created\n');
    expect((await rows('get', 'service', 'web-np'))[1]?.[4]).toMatch(/^80:3\d{4}\/TCP$/);
    expect(await k.ok('create', 'service', 'externalname', 'docs', '--external-name=docs.example.com')).toBe('service/docs created\n');
    expect((await rows('get', 'service', 'docs'))[1]?.slice(0, 5)).toEqual(['docs', 'ExternalName', '<none>', 'docs.example.com', '<none>']);
  });

  it('keeps configuration in a ConfigMap and a Secret', async () => {
    expect(await k.ok('create', 'configmap', 'web-config', '--from-literal=greeting=hello')).toBe('configmap/web-config created\n');
    expect(await k.ok('get', 'configmap', 'web-config', '-o', 'jsonpath={.data.greeting}')).toBe('hello');
    expect(await k.ok('create', 'secret', 'generic', 'web-secret', '--from-literal=password=s3cret')).toBe('secret/web-secret created\n');
    expect((await rows('get', 'secret', 'web-secret'))[1]?.slice(0, 3)).toEqual(['web-secret', 'Opaque', '1']);
    expect(Buffer.from(await k.ok('get', 'secret', 'web-secret', '-o', 'jsonpath={.data.password}'), 'base64').toString()).toBe('s3cret');
  });

  it('scales to 5 replicas; the endpoints and the events say so', async () => {
    expect(await k.ok('scale', 'deployment', 'web', '--replicas=5')).toBe('deployment.apps/web scaled\n');
    await k.ok(...ROLLOUT);
    expect((await rows('get', 'deployment', 'web'))[1]?.slice(0, 4)).toEqual(['web', '5/5', '5', '5']);
    const endpoints = await eventually(() => rows('get', 'endpoints', 'web'), (r) => (r[1]?.[1] ?? '').includes('+ 2 more'));
    expect(endpoints[1]?.[1]).toMatch(/\+ 2 more\.\.\.$/);
    const events = await k.ok('get', 'events', '--field-selector', 'involvedObject.kind=Deployment');
    expect(events).toMatch(/ScalingReplicaSet\s+deployment\/web\s+Scaled up replica set web-[a-z0-9]+ from 3 to 5/);
  });

  it('updates the image, rolls out replica set by replica set, and records the revision', async () => {
    expect(await k.ok('set', 'image', 'deployment/web', 'nginx=nginx:1.28')).toBe('deployment.apps/web image updated\n');
    expect((await k.ok(...ROLLOUT)).trim().split('\n').at(-1)).toBe('deployment "web" successfully rolled out');
    expect(await image()).toBe('nginx:1.28');
    expect(await k.ok('rollout', 'history', 'deployment/web')).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    const sets = (await rows('get', 'replicasets')).slice(1).map((r) => r.slice(1, 4).join(' ')).sort();
    expect(sets).toEqual(['0 0 0', '5 5 5']);
    const events = await k.ok('get', 'events', '--field-selector', 'involvedObject.kind=Deployment');
    expect(events).toMatch(/Scaled up replica set web-[a-z0-9]+ from 0 to \d/);
    expect(events).toMatch(/Scaled down replica set web-[a-z0-9]+ from 5 to \d/);
  });

  it('undoes the update: back to nginx:1.27 as revision 3', async () => {
    expect(await k.ok('rollout', 'undo', 'deployment/web')).toBe('deployment.apps/web rolled back\n');
    await k.ok(...ROLLOUT);
    expect(await image()).toBe('nginx:1.27');
    expect(await k.ok('rollout', 'history', 'deployment/web')).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
  });

  it('describes the Deployment and a pod with their events', async () => {
    const deployment = await k.ok('describe', 'deployment', 'web');
    expect(deployment).toMatch(/Replicas:\s+5 desired \| 5 updated \| 5 total \| 5 available \| 0 unavailable/);
    expect(deployment).toMatch(/Image:\s+nginx:1\.27/);
    expect(deployment).toMatch(/Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled (up|down) replica set web-/);
    const pod = await firstPod();
    const described = await k.ok('describe', 'pod', pod);
    expect(described).toMatch(/Status:\s+Running/);
    expect(described).toMatch(new RegExp(`Normal\\s+Scheduled\\s+\\S+\\s+default-scheduler\\s+Successfully assigned tutorial/${pod} to sandbox-node-\\d`));
    expect(described).toMatch(/Normal\s+Started\s+\S+\s+kubelet\s+Started container nginx/);
    const events = await k.ok('get', 'events');
    for (const reason of ['Scheduled', 'Pulled', 'Created', 'Started', 'SuccessfulCreate', 'ScalingReplicaSet', 'Killing']) expect(events).toContain(reason);
  });

  it('reads a pod\'s request log and the Deployment\'s', async () => {
    const pod = await firstPod();
    const logs = await eventually(() => k.ok('logs', pod), (text) => text.includes('HTTP/1.1" 200'));
    const lines = logs.trim().split('\n');
    expect(lines[0]).toBe('Listening on 0.0.0.0:80 (nginx:1.27)');
    expect(lines.at(-1)).toMatch(/^10\.244\.\d+\.\d+ - - \[\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000\] "(GET|POST) \/\S* HTTP\/1\.1" \d{3} \d+ "-" "sandbox-traffic\/1\.0" \d+\.\d{3}$/);
    // Each pod logs its own share of the service's requests: another pod's request lines are other requests.
    const other = await k.ok('get', 'pods', '-l', 'app=web', '--field-selector', `metadata.name!=${pod}`, '-o', 'jsonpath={.items[0].metadata.name}');
    const requests = (text: string) => text.trim().split('\n').filter((l) => l.includes('sandbox-traffic/1.0'));
    const theirs = requests(await eventually(() => k.ok('logs', other), (text) => text.includes('HTTP/1.1" 200')));
    const ours = requests(await k.ok('logs', pod));
    expect(theirs.length).toBeGreaterThan(0);
    expect(ours.filter((l) => theirs.includes(l))).toEqual([]);
    const tail = await k.kubectl('logs', 'deployment/web', '--tail=1');
    expect(tail.code).toBe(0);
    expect(tail.stdout.trim().split('\n')).toHaveLength(1);
    // kubectl counts the pods of the replaced replica set that are still terminating too.
    expect(tail.stderr).toMatch(/^Found \d+ pods, using pod\/web-/);
  });

  it('explains the fields of a Deployment and a container', async () => {
    const spec = await k.ok('explain', 'deployment.spec');
    expect(spec).toContain('FIELD: spec <DeploymentSpec>');
    expect(spec).toMatch(/replicas\t<integer>\n\s+Number of desired pods/);
    expect(spec).toMatch(/template\t<PodTemplateSpec> -required-/);
    expect(await k.ok('explain', 'pod.spec.containers.image')).toMatch(/FIELD: image <string>[\s\S]*Container image name/);
  });

  it('lists everything, deletes the Deployment, then the namespace, which terminates and is gone', async () => {
    const all = await k.ok('get', 'all');
    for (const name of ['pod/web-', 'service/web ', 'service/web-np', 'deployment.apps/web', 'replicaset.apps/web-']) expect(all).toContain(name);
    expect(await k.ok('delete', 'deployment', 'web')).toBe('deployment.apps "web" deleted\n');
    await eventually(() => k.kubectl('get', 'pods'), (r) => r.stderr === 'No resources found in tutorial namespace.\n', 20_000);
    expect(await k.ok('delete', 'namespace', 'tutorial', '--wait=false')).toBe('namespace "tutorial" deleted\n');
    expect((await rows('get', 'namespace', 'tutorial'))[1]?.slice(0, 2)).toEqual(['tutorial', 'Terminating']);
    const refused = await k.kubectl('create', 'configmap', 'late', '--from-literal=a=b');
    expect(refused.stderr).toBe('error: failed to create configmap: configmaps "late" is forbidden: unable to create new content in namespace tutorial because it is being terminated\n');
    const gone = await eventually(() => k.kubectl('get', 'namespace', 'tutorial'), (r) => r.code !== 0);
    expect(gone.stderr).toBe('Error from server (NotFound): namespaces "tutorial" not found\n');
    expect(await k.ok('get', 'services', '-A', '-o', 'jsonpath={.items[*].metadata.namespace}')).not.toContain('tutorial');
  });
});
