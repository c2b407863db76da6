// Informers over one namespace's objects: list, then watch; an expired watch (410) re-lists inside the client,
// any other failure restarts the informer with a backoff. Custom resources whose API the cluster lacks stay empty.
// A host that reads once (`switchyard status`) only lists: no watch is opened for a view nobody keeps.

import { makeInformer, type Informer, type KubernetesObject, type ObjectCache } from '@kubernetes/client-node';
import type { V1Deployment, V1Pod, V1ReplicaSet, V1Service } from '@kubernetes/client-node';
import { httpCodeOf, reasonOf } from './errors';
import { HTTP_ROUTES, ROLLOUTS, VIRTUAL_SERVICES, type CustomResource, type KubeClients } from './kube-clients';
import type { ClusterObjects } from './objects';

type Kind = keyof ClusterObjects;

interface Watched {
  kind: Kind;
  path: string;
  /** Null when the namespace is listed once (`watch: false`): then `listed` holds what the list returned. */
  informer: (Informer<KubernetesObject> & ObjectCache<KubernetesObject>) | null;
  list: () => Promise<unknown>;
  listed: KubernetesObject[];
  optional: boolean;
  /** The cluster does not serve this (custom) resource. */
  absent: boolean;
  lastError: unknown;
  restartMs: number;
  timer: ReturnType<typeof setTimeout> | null;
}

export interface WatchCacheOptions {
  /** Keep the objects live (default true); false: list them once, never watch. */
  watch?: boolean;
  /** First restart delay after a watch failure; doubles up to 30 s. */
  restartMs?: number;
  onChange?: () => void;
  onError?: (kind: Kind, error: unknown) => void;
}

export class WatchCache {
  private readonly watched: Watched[];
  private stopped = false;
  private problem: string | null = null;

  constructor(
    clients: KubeClients,
    readonly namespace: string,
    private readonly options: WatchCacheOptions = {},
  ) {
    const ns = encodeURIComponent(namespace);
    const { apps, core } = clients;
    const custom = (r: CustomResource) => () =>
      clients.custom.listNamespacedCustomObject({ group: r.group, version: r.version, plural: r.plural, namespace });
    const crPath = (r: CustomResource) => `/apis/${r.group}/${r.version}/namespaces/${ns}/${r.plural}`;
    this.watched = [
      this.watch('deployments', `/apis/apps/v1/namespaces/${ns}/deployments`, () => apps.listNamespacedDeployment({ namespace }), false, clients),
      this.watch('replicaSets', `/apis/apps/v1/namespaces/${ns}/replicasets`, () => apps.listNamespacedReplicaSet({ namespace }), false, clients),
      this.watch('pods', `/api/v1/namespaces/${ns}/pods`, () => core.listNamespacedPod({ namespace }), false, clients),
      this.watch('services', `/api/v1/namespaces/${ns}/services`, () => core.listNamespacedService({ namespace }), false, clients),
      this.watch('httpRoutes', crPath(HTTP_ROUTES), custom(HTTP_ROUTES), true, clients),
      this.watch('virtualServices', crPath(VIRTUAL_SERVICES), custom(VIRTUAL_SERVICES), true, clients),
      this.watch('rollouts', crPath(ROLLOUTS), custom(ROLLOUTS), true, clients),
    ];
  }

  private watch(kind: Kind, path: string, list: () => Promise<unknown>, optional: boolean, clients: KubeClients): Watched {
    const informer = this.options.watch === false ? null : makeInformer<KubernetesObject>(clients.config, path, list as never);
    const w: Watched = { kind, path, informer, list, listed: [], optional, absent: false, lastError: null, restartMs: this.options.restartMs ?? 1000, timer: null };
    if (!informer) return w;
    const changed = () => this.options.onChange?.();
    informer.on('add', changed);
    informer.on('update', changed);
    informer.on('delete', changed);
    informer.on('error', (error: unknown) => this.failed(w, error));
    return w;
  }

  /** Lists everything once; rejects with the first failure (the informers keep retrying in the background). */
  async start(): Promise<void> {
    await Promise.all(this.watched.map((w) => this.startOne(w)));
    const failed = this.watched.find((w) => w.lastError !== null);
    if (failed) throw failed.lastError;
  }

  private async startOne(w: Watched): Promise<void> {
    w.lastError = null;
    if (w.informer) return w.informer.start();
    try {
      w.listed = ((await w.list()) as { items?: KubernetesObject[] }).items ?? [];
    } catch (error) {
      this.failed(w, error);
    }
  }

  private failed(w: Watched, error: unknown): void {
    if (this.stopped) return;
    const code = httpCodeOf(error);
    if (w.optional && code === 404) {
      w.absent = true;
      w.lastError = null;
      return;
    }
    w.lastError = error;
    this.problem = `${w.informer ? 'watching' : 'listing'} ${w.kind}: ${reasonOf(error)}`;
    this.options.onError?.(w.kind, error);
    // Listed once: nothing to restart; start() reports the failure.
    if (w.timer || !w.informer) return;
    const delay = w.restartMs;
    w.restartMs = Math.min(30_000, delay * 2);
    w.timer = setTimeout(() => {
      w.timer = null;
      if (this.stopped) return;
      void this.startOne(w).then(() => {
        if (w.lastError === null) {
          w.restartMs = this.options.restartMs ?? 1000;
          if (this.watched.every((x) => x.lastError === null)) this.problem = null;
          this.options.onChange?.();
        }
      });
    }, delay);
  }

  /** Why the view may be stale (a watch keeps failing), or null. */
  staleness(): string | null {
    return this.problem;
  }

  /** Whether the cluster serves the custom resource behind this kind. */
  serves(kind: Kind): boolean {
    return !this.watched.find((w) => w.kind === kind)?.absent;
  }

  objects(): ClusterObjects {
    const of = <T>(kind: Kind) => {
      const w = this.watched.find((x) => x.kind === kind);
      return ((w?.informer ? w.informer.list(this.namespace) : w?.listed) ?? []) as unknown as T[];
    };
    return {
      deployments: of<V1Deployment>('deployments'),
      replicaSets: of<V1ReplicaSet>('replicaSets'),
      pods: of<V1Pod>('pods'),
      services: of<V1Service>('services'),
      httpRoutes: of('httpRoutes'),
      virtualServices: of('virtualServices'),
      rollouts: of('rollouts'),
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const w of this.watched) {
      if (w.timer) clearTimeout(w.timer);
      await w.informer?.stop();
    }
  }
}
