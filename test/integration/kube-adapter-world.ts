// A sandbox Kubernetes cluster (sandbox/emulators/kubernetes) seeded with the objects the adapter tests release,
// and a kubeconfig that reaches it, as any client would.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubernetesTargetSchema, type KubernetesTargetConfig } from '../../adapters/kubernetes/index';
import { KubernetesPlatform, type KubernetesPlatformOptions } from '../../adapters/kubernetes/platform';
import { WorldClock } from '../../sandbox/emulators/clock';
import { KubeCluster } from '../../sandbox/emulators/kubernetes/cluster';

export const NS = 'shop';

function deployment(name: string, app: string, version: string, replicas: number, image = `${app}:${version}`) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: NS, labels: { app } },
    spec: {
      replicas,
      selector: { matchLabels: { app, version } },
      template: { metadata: { labels: { app, version } }, spec: { containers: [{ name: app, image, ports: [{ containerPort: 8080 }] }] } },
    },
  };
}

function rollingDeployment(name: string, app: string, version: string, replicas: number) {
  const d = deployment(name, app, version, replicas);
  return { ...d, spec: { ...d.spec, selector: { matchLabels: { app } } } };
}

function service(name: string, selector: Record<string, string>) {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: NS }, spec: { selector, ports: [{ port: 80, targetPort: 8080 }] } };
}

export function seedShop(cluster: KubeCluster): void {
  cluster.seed({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  // web: canary by HTTPRoute weights between two Deployments, each behind its own Service.
  cluster.seed(deployment('web-v1', 'web', 'v1', 2));
  cluster.seed(deployment('web-v2', 'web', 'v2', 2));
  cluster.seed(service('web-v1', { app: 'web', version: 'v1' }));
  cluster.seed(service('web-v2', { app: 'web', version: 'v2' }));
  cluster.seed({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'web', namespace: NS },
    spec: { parentRefs: [{ name: 'gateway' }], rules: [{ backendRefs: [{ name: 'web-v1', port: 80, weight: 100 }] }] },
  });
  // checkout: blue-green by Service selector.
  cluster.seed(deployment('checkout-blue', 'checkout', 'blue', 2));
  cluster.seed(deployment('checkout-green', 'checkout', 'green', 0));
  cluster.seed(service('checkout', { app: 'checkout', version: 'blue' }));
  // cart: one Deployment, rolling.
  cluster.seed(rollingDeployment('cart', 'cart', 'v1', 4));
  cluster.seed(service('cart', { app: 'cart' }));
  // search: two Deployments behind one Service, no router: replica ratio.
  cluster.seed(deployment('search-v1', 'search', 'v1', 4));
  cluster.seed(deployment('search-v2', 'search', 'v2', 0));
  cluster.seed(service('search', { app: 'search' }));
}

export const SERVICES = [
  { id: 'web', stable: 'v1', candidate: 'v2', deployments: { v1: 'web-v1', v2: 'web-v2' }, httpRoute: 'web' },
  { id: 'checkout', strategy: 'blue-green', stable: 'blue', candidate: 'green', deployments: { blue: 'checkout-blue', green: 'checkout-green' }, service: 'checkout', scaleDownDelaySeconds: 0.3 },
  { id: 'cart', strategy: 'rolling', stable: 'v1', candidate: 'v2', deployment: 'cart', images: { v2: 'cart:v2' }, service: 'cart' },
  { id: 'search', stable: 'v1', candidate: 'v2', deployments: { v1: 'search-v1', v2: 'search-v2' }, service: 'search' },
];

export interface KubeWorld {
  cluster: KubeCluster;
  url: string;
  kubeconfigPath: string;
  dir: string;
  target(extra?: Record<string, unknown>): KubernetesTargetConfig;
  platform(extra?: Record<string, unknown>, options?: KubernetesPlatformOptions): KubernetesPlatform;
  stop(): Promise<void>;
}

export async function startKubeWorld(seed: (cluster: KubeCluster) => void = seedShop): Promise<KubeWorld> {
  const clock = new WorldClock({ speed: 20 });
  const cluster = new KubeCluster({ clock, tickMs: 20, startDelayMs: 2000 });
  seed(cluster);
  const url = await cluster.start();
  const dir = await mkdtemp(join(tmpdir(), 'sy-kube-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  await writeFile(
    kubeconfigPath,
    [
      'apiVersion: v1',
      'kind: Config',
      'current-context: sandbox',
      'clusters:',
      `- name: sandbox\n  cluster:\n    server: ${url}\n    insecure-skip-tls-verify: true`,
      'users:',
      '- name: operator\n  user:\n    token: sandbox-token',
      'contexts:',
      `- name: sandbox\n  context:\n    cluster: sandbox\n    user: operator\n    namespace: ${NS}`,
      '',
    ].join('\n'),
  );
  const platforms: KubernetesPlatform[] = [];
  const target = (extra: Record<string, unknown> = {}) =>
    kubernetesTargetSchema.parse({ id: 'sandbox-k8s', platform: 'kubernetes', kubeconfig: kubeconfigPath, namespace: NS, services: SERVICES, ...extra });
  return {
    cluster,
    url,
    kubeconfigPath,
    dir,
    target,
    platform(extra, options) {
      const p = new KubernetesPlatform(target(extra), { readyWaitMs: 15_000, loginPath: async () => process.env.PATH ?? '', ...options });
      platforms.push(p);
      return p;
    },
    async stop() {
      await Promise.allSettled(platforms.map((p) => p.close()));
      await cluster.stop();
      clock.clearAll();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  return last;
}
