import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contextConfig, kubeconfigPaths, listContexts, loadKubeconfig } from '../../adapters/kubernetes/kubeconfig';
import { resolveContext } from '../../adapters/kubernetes/connection';

const first = `
apiVersion: v1
kind: Config
current-context: prod
clusters:
- name: prod-cluster
  cluster: { server: https://prod.example:6443, certificate-authority: ca.crt }
- name: shared
  cluster: { server: https://first.example }
users:
- name: alice
  user: { token: first-token }
contexts:
- name: prod
  context: { cluster: prod-cluster, user: alice, namespace: shop }
- name: shared
  context: { cluster: shared, user: alice }
`;
const second = `
apiVersion: v1
kind: Config
current-context: staging
clusters:
- name: staging-cluster
  cluster: { server: https://staging.example:6443 }
- name: shared
  cluster: { server: https://second.example }
users:
- name: alice
  user: { token: second-token }
- name: bob
  user:
    exec: { apiVersion: client.authentication.k8s.io/v1, command: aws, args: [eks, get-token] }
contexts:
- name: staging
  context: { cluster: staging-cluster, user: bob }
- name: shared
  context: { cluster: shared, user: bob }
`;

describe('kubeconfig files merged as kubectl merges KUBECONFIG', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sy-kubeconfig-'));
    await writeFile(join(dir, 'a.yaml'), first);
    await writeFile(join(dir, 'b.yaml'), second);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('lists every context of every file without connecting, the first file winning per name', async () => {
    const { config, files } = await loadKubeconfig(kubeconfigPaths(undefined, { KUBECONFIG: [join(dir, 'a.yaml'), join(dir, 'missing.yaml'), join(dir, 'b.yaml')].join(delimiter) }));
    expect(files).toEqual([join(dir, 'a.yaml'), join(dir, 'b.yaml')]);
    const contexts = listContexts(config);
    expect(contexts.map((c) => c.name)).toEqual(['prod', 'shared', 'staging']);
    expect(contexts.find((c) => c.name === 'prod')).toMatchObject({ namespace: 'shop', server: 'https://prod.example:6443', current: true });
    // "shared" comes from the first file: its cluster, its user
    expect(contexts.find((c) => c.name === 'shared')).toMatchObject({ user: 'alice', server: 'https://first.example' });
    expect(config.getUser('alice')?.token).toBe('first-token');
    expect(config.getCurrentContext()).toBe('prod');
  });

  it('makes certificate paths absolute relative to the file that names them', async () => {
    const { config } = await loadKubeconfig([join(dir, 'a.yaml')]);
    expect(config.getCluster('prod-cluster')?.caFile).toBe(join(dir, 'ca.crt'));
  });

  it('cuts one context out with its own cluster and user, and names what is missing', async () => {
    const { config } = await loadKubeconfig([join(dir, 'a.yaml'), join(dir, 'b.yaml')]);
    const staging = contextConfig(config, 'staging');
    expect(staging.getCurrentCluster()?.server).toBe('https://staging.example:6443');
    expect(staging.getCurrentUser()?.exec?.command).toBe('aws');
    expect(() => contextConfig(config, 'nope')).toThrow(/no context "nope" \(contexts: prod, shared, staging\)/);
  });

  it('explains when no file exists and when a context is not given and none is current', async () => {
    await expect(loadKubeconfig([join(dir, 'none.yaml')])).rejects.toThrow(/no kubeconfig found/);
    await writeFile(join(dir, 'c.yaml'), second.replace('current-context: staging', ''));
    await expect(resolveContext({ kubeconfig: join(dir, 'c.yaml') })).rejects.toThrow(/no current-context/);
    await expect(resolveContext({ kubeconfig: join(dir, 'b.yaml') })).resolves.toMatchObject({ context: 'staging', cluster: 'staging-cluster' });
  });

  it('defaults to ~/.kube/config when neither paths nor KUBECONFIG are given', () => {
    expect(kubeconfigPaths(undefined, {}, '/home/op')).toEqual(['/home/op/.kube/config']);
    expect(kubeconfigPaths(['/x', '/y'], { KUBECONFIG: '/z' })).toEqual(['/x', '/y']);
  });
});
