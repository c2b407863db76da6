// A newcomer's kubectl session about identities and the way in, on a fresh sandbox world: ServiceAccounts (the
// `default` one of every namespace, one of their own, a token for it) and Ingresses in front of a Service (create,
// list, describe, explain, what the server refuses, an IngressClass marked default). Each step checks what the
// newcomer would read in kubectl's output.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';
import { eventually, hasKubectl, kubectlRunner, table, type KubectlRunner } from './kubectl-cluster';

const scenariosDir = join(__dirname, '..', '..', 'resources', 'scenarios');

const BAD_INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: bad
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /api
        pathType: Regex
        backend: {}
`;

const DEFAULT_CLASS = `apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: nginx
  annotations:
    ingressclass.kubernetes.io/is-default-class: "true"
spec:
  controller: k8s.io/ingress-nginx
`;

describe.skipIf(!hasKubectl)('a newcomer\'s ServiceAccounts and Ingresses on a fresh sandbox world', { timeout: 120_000 }, () => {
  let world: SandboxWorld;
  let dir: string;
  let k: KubectlRunner;
  const rows = async (...args: string[]) => table(await k.ok(...args));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sy-newcomer-accounts-'));
    world = await startSandbox({ scenario: 'calm', scenariosDir, speed: 1, dir, seed: 13 });
    k = kubectlRunner(world.kubernetes.kubeconfigPath!, dir);
  });
  afterAll(async () => {
    await world?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds a default ServiceAccount in every namespace, and one in a new namespace until the namespace goes', async () => {
    const all = await rows('get', 'serviceaccounts', '-A');
    expect(all[0]).toEqual(['NAMESPACE', 'NAME', 'SECRETS', 'AGE']);
    const defaults = all.slice(1).filter((r) => r[1] === 'default').map((r) => r[0]);
    expect(defaults).toEqual(expect.arrayContaining(['default', 'kube-node-lease', 'kube-public', 'kube-system', 'shop']));
    expect(all.slice(1).find((r) => r[0] === 'shop')?.slice(1, 3)).toEqual(['default', '0']);
    await k.ok('create', 'namespace', 'team-a');
    const inNew = await eventually(() => k.kubectl('get', 'sa', '-n', 'team-a'), (r) => r.stdout.includes('default'));
    expect(table(inNew.stdout)[1]?.slice(0, 2)).toEqual(['default', '0']);
    expect(await k.ok('delete', 'sa', 'default', '-n', 'team-a')).toBe('serviceaccount "default" deleted\n');
    await eventually(() => k.kubectl('get', 'sa', 'default', '-n', 'team-a'), (r) => r.code === 0);
    await k.ok('delete', 'namespace', 'team-a', '--wait=false');
    await eventually(() => k.kubectl('get', 'sa', '-n', 'team-a'), (r) => r.stderr.startsWith('No resources found'), 30_000);
  });

  it('creates a ServiceAccount, lists and describes it, asks kubectl explain about it, and deletes it', async () => {
    expect(await k.ok('create', 'serviceaccount', 'build-bot')).toBe('serviceaccount/build-bot created\n');
    const listed = await rows('get', 'sa');
    expect(listed[0]).toEqual(['NAME', 'SECRETS', 'AGE']);
    expect(listed.slice(1).map((r) => r.slice(0, 2))).toEqual([['build-bot', '0'], ['default', '0']]);
    const described = await k.ok('describe', 'sa', 'build-bot');
    expect(described).toMatch(/^Name:\s+build-bot\nNamespace:\s+shop\n/);
    expect(described).toMatch(/Image pull secrets:\s+<none>\nMountable secrets:\s+<none>\nTokens:\s+<none>\nEvents:\s+<none>/);
    const again = await k.kubectl('create', 'serviceaccount', 'build-bot');
    expect(again.stderr).toBe('error: failed to create serviceaccount: serviceaccounts "build-bot" already exists\n');
    const explained = await k.ok('explain', 'serviceaccount.automountServiceAccountToken');
    expect(explained).toContain('FIELD: automountServiceAccountToken <boolean>');
    expect(explained).toMatch(/AutomountServiceAccountToken indicates whether pods running as this service\s+account should have an API token automatically mounted/);
    expect(await k.ok('delete', 'sa', 'build-bot')).toBe('serviceaccount "build-bot" deleted\n');
    expect((await k.kubectl('get', 'sa', 'build-bot')).stderr).toBe('Error from server (NotFound): serviceaccounts "build-bot" not found\n');
  });

  it('asks for a token for a ServiceAccount and reads who it stands for; is refused a too-short one and an unknown account', async () => {
    await k.ok('create', 'serviceaccount', 'deployer');
    const token = (await k.ok('create', 'token', 'deployer')).trim();
    const [header, payload, signature] = token.split('.');
    expect(signature).toMatch(/^[A-Za-z0-9_-]{300,}$/);
    expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toMatchObject({ alg: 'RS256' });
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    const uid = await k.ok('get', 'sa', 'deployer', '-o', 'jsonpath={.metadata.uid}');
    expect(claims).toMatchObject({ sub: 'system:serviceaccount:shop:deployer', aud: ['https://kubernetes.default.svc.cluster.local'], 'kubernetes.io': { namespace: 'shop', serviceaccount: { name: 'deployer', uid } } });
    expect(claims.exp - claims.iat).toBe(3600);
    const short = await k.kubectl('create', 'token', 'deployer', '--duration=1m');
    expect(short.stderr).toBe('error: failed to create token: TokenRequest.authentication.k8s.io "deployer" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes\n');
    expect((await k.kubectl('create', 'token', 'nobody')).stderr).toBe('error: failed to create token: serviceaccounts "nobody" not found\n');
    await k.ok('delete', 'sa', 'deployer');
  });

  it('runs a Deployment as its own ServiceAccount: refused while the account is missing, rolled out once it exists', async () => {
    const lone = await k.kubectl('run', 'lone', '--image=nginx:1.27', '--overrides={"spec":{"serviceAccountName":"ghost"}}');
    expect(lone.stderr).toBe('Error from server (Forbidden): pods "lone" is forbidden: error looking up service account shop/ghost: serviceaccount "ghost" not found\n');
    await k.ok('create', 'deployment', 'api', '--image=nginx:1.27');
    await k.ok('rollout', 'status', 'deployment/api', '--timeout=60s');
    expect(await k.ok('set', 'serviceaccount', 'deployment', 'api', 'runner')).toBe('deployment.apps/api serviceaccount updated\n');
    const events = await eventually(() => k.ok('get', 'events', '--field-selector', 'reason=FailedCreate'), (text) => text.includes('runner'));
    expect(events).toMatch(/Warning\s+FailedCreate\s+replicaset\/api-[a-z0-9]+\s+Error creating: pods "api-[a-z0-9]+-" is forbidden: error looking up service account shop\/runner: serviceaccount "runner" not found/);
    await k.ok('create', 'serviceaccount', 'runner');
    await k.ok('rollout', 'status', 'deployment/api', '--timeout=60s');
    // The old pod (running as default) ends gracefully; then only the new one is left.
    await eventually(() => k.ok('get', 'pods', '-l', 'app=api', '-o', 'jsonpath={.items[*].spec.serviceAccountName}'), (accounts) => accounts === 'runner', 45_000);
    await k.ok('delete', 'deployment', 'api');
  });

  it('puts an Ingress in front of a Service: create, get, describe with its endpoints, explain, delete', async () => {
    await k.ok('create', 'deployment', 'web', '--image=nginx:1.27', '--port=80');
    await k.ok('expose', 'deployment', 'web', '--port=80');
    await k.ok('rollout', 'status', 'deployment/web', '--timeout=60s');
    expect(await k.ok('create', 'ingress', 'web', '--rule=web.example.com/*=web:80')).toBe('ingress.networking.k8s.io/web created\n');
    const listed = await rows('get', 'ing');
    expect(listed[0]).toEqual(['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE']);
    // No ingress controller runs in the sandbox: the address stays empty, as on a cluster without one.
    expect(listed[1]?.slice(0, 4)).toEqual(['web', '<none>', 'web.example.com', '80']);
    expect(await k.ok('get', 'ingress', 'web', '-o', 'jsonpath={.spec.rules[0].http.paths[0].pathType} {.spec.rules[0].http.paths[0].path}')).toBe('Prefix /');
    const described = await eventually(() => k.ok('describe', 'ingress', 'web'), (d) => /web:80 \(10\.\d+\.\d+\.\d+:80\)/.test(d));
    expect(described).toMatch(/Ingress Class:\s+<none>\nDefault backend:\s+<default>\nRules:\n\s+Host\s+Path\s+Backends\n/);
    expect(described).toMatch(/web\.example\.com\s*\n\s+\/\s+web:80 \(10\.\d+\.\d+\.\d+:80\)/);
    const explained = await k.ok('explain', 'ingress.spec.rules');
    expect(explained).toMatch(/^GROUP:\s+networking\.k8s\.io\nKIND:\s+Ingress\nVERSION:\s+v1\n/);
    expect(explained).toContain('FIELD: rules <[]IngressRule>');
    expect(explained).toMatch(/host\t<string>[\s\S]*http\t<HTTPIngressRuleValue>/);
    expect(await k.ok('delete', 'ingress', 'web')).toBe('ingress.networking.k8s.io "web" deleted\n');
    expect((await k.kubectl('get', 'ing')).stderr).toBe('No resources found in shop namespace.\n');
  });

  it('lists hosts and TLS ports as the server prints them, and is refused a path with an unknown type and no backend', async () => {
    await k.ok('create', 'ingress', 'multi', '--class=nginx', '--rule=a.example.com/api=web:http,tls=a-cert', '--rule=b.example.com/=web:80');
    expect((await rows('get', 'ing', 'multi'))[1]?.slice(0, 4)).toEqual(['multi', 'nginx', 'a.example.com,b.example.com', '80, 443']);
    await k.ok('delete', 'ing', 'multi');
    const manifest = join(dir, 'bad-ingress.yaml');
    writeFileSync(manifest, BAD_INGRESS);
    const refused = await k.kubectl('apply', '-f', manifest);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toBe(
      'The Ingress "bad" is invalid: \n' +
        '* spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"\n' +
        '* spec.rules[0].http.paths[0].backend: Invalid value: "": resource or service backend is required\n',
    );
  });

  it('marks an IngressClass default: new Ingresses without a class get it', async () => {
    const manifest = join(dir, 'class.yaml');
    writeFileSync(manifest, DEFAULT_CLASS);
    expect(await k.ok('apply', '-f', manifest)).toBe('ingressclass.networking.k8s.io/nginx created\n');
    const classes = await rows('get', 'ingressclass');
    expect(classes[0]).toEqual(['NAME', 'CONTROLLER', 'PARAMETERS', 'AGE']);
    expect(classes[1]?.slice(0, 3)).toEqual(['nginx', 'k8s.io/ingress-nginx', '<none>']);
    await k.ok('create', 'ingress', 'shop', '--rule=shop.example.com/*=web:80');
    expect((await rows('get', 'ing', 'shop'))[1]?.slice(0, 3)).toEqual(['shop', 'nginx', 'shop.example.com']);
    await k.ok('delete', 'ing', 'shop');
    expect(await k.ok('delete', 'ingressclass', 'nginx')).toBe('ingressclass.networking.k8s.io "nginx" deleted\n');
  });
});
