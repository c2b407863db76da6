// A sandbox Kubernetes API server with a kubeconfig in a temp dir, and real kubectl pointed at it.

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorldClock } from '../../sandbox/emulators/clock';
import { KubeCluster } from '../../sandbox/emulators/kubernetes/cluster';
import { kubeconfigText } from '../../sandbox/world/kubernetes/kubeconfig';
import { writeFile } from 'node:fs/promises';

export const KUBECTL = '/usr/bin/kubectl';
export const hasKubectl = existsSync(KUBECTL);
export const NS = 'shop';

export interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface KubectlCluster extends KubectlRunner {
  cluster: KubeCluster;
  url: string;
  dir: string;
  kubeconfigPath: string;
  stop(): Promise<void>;
}

export interface KubectlRunner {
  kubectl(...args: string[]): Promise<KubectlResult>;
  /** kubectl that must succeed; returns stdout. */
  ok(...args: string[]): Promise<string>;
  spawnKubectl(...args: string[]): ChildProcess;
}

/** Real kubectl with this kubeconfig, a private HOME and cache (nothing of the user's own config is read). */
export function kubectlRunner(kubeconfigPath: string, dir: string): KubectlRunner {
  const common = ['--kubeconfig', kubeconfigPath, '--cache-dir', join(dir, 'cache')];
  const env = { ...process.env, HOME: dir, KUBECONFIG: '' };
  const kubectl = (...args: string[]) =>
    new Promise<KubectlResult>((resolve) => {
      execFile(KUBECTL, [...common, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
        const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 1) : 0;
        resolve({ stdout: String(stdout), stderr: String(stderr), code });
      });
    });
  return {
    kubectl,
    async ok(...args) {
      const result = await kubectl(...args);
      if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
      return result.stdout;
    },
    spawnKubectl: (...args) => spawn(KUBECTL, [...common, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] }),
  };
}

export async function startKubectlCluster(speed = 10): Promise<KubectlCluster> {
  const clock = new WorldClock({ speed });
  const cluster = new KubeCluster({ clock });
  cluster.seed({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  const url = await cluster.start();
  const dir = await mkdtemp(join(tmpdir(), 'sy-kubectl-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  await writeFile(kubeconfigPath, kubeconfigText(url, NS));
  return {
    cluster,
    url,
    dir,
    kubeconfigPath,
    ...kubectlRunner(kubeconfigPath, dir),
    async stop() {
      await cluster.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Splits `kubectl get` output into rows of columns (two or more spaces separate columns). */
export function table(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.trim().split(/\s{2,}/));
}

export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value)) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

export const WEB_MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
spec:
  replicas: 4
  selector:
    matchLabels:
      app.kubernetes.io/name: web
  template:
    metadata:
      labels:
        app.kubernetes.io/name: web
    spec:
      containers:
      - name: web
        image: registry.example/web:1.0.0
        ports:
        - name: http
          containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app.kubernetes.io/name: web
  ports:
  - name: http
    port: 80
    targetPort: http
`;
