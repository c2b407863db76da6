// The sandbox cluster: store, API semantics, controllers on the world clock, and the HTTP API server.

import type { Clock } from '../clock';
import { Registry } from './api/registry';
import { ObjectStore } from './api/store';
import type { KubeObject } from './api/types';
import { bootstrapObjects } from './bootstrap';
import { ControllerContext, R } from './controllers/context';
import { DeploymentController } from './controllers/deployment';
import { EndpointsController } from './controllers/endpoints';
import { EndpointSliceController } from './controllers/endpoint-slices';
import { EventTtl } from './controllers/event-ttl';
import { PodBehaviours } from './controllers/failures';
import { CronJobController } from './controllers/cronjob';
import { HorizontalPodAutoscalerController } from './controllers/hpa';
import { JobController } from './controllers/job';
import { Kubelet } from './controllers/kubelet';
import { NamespaceController } from './controllers/namespace';
import { ReplicaSetController } from './controllers/replicaset';
import { RolloutController } from './controllers/rollout';
import { NamespaceDefaults } from './controllers/namespace-defaults';
import { KubeApiServer } from './server/api-server';
import type { PodLogSource } from './server/pod-logs';
import type { PodLoadSource } from './server/pod-usage';
import { RESOURCES, resourceByKind } from './api/resources';

export interface KubeClusterOptions {
  clock: Clock;
  /** Wall ms between controller passes. */
  tickMs?: number;
  /** World ms a healthy pod takes to become ready. */
  startDelayMs?: number;
  /** Events kept for watches that resume from a resourceVersion (older ones get 410 Expired); default 5000. */
  historyLimit?: number;
  /** Wall ms between watch bookmarks / keep-alive lines; default 15000. */
  watchHeartbeatMs?: number;
}

export class KubeCluster {
  readonly store: ObjectStore;
  readonly registry: Registry;
  readonly behaviours: PodBehaviours;
  readonly server: KubeApiServer;
  private readonly controllers: { syncAll(): void }[];
  private timer: ReturnType<typeof setInterval> | null = null;
  private pending = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: KubeClusterOptions) {
    this.store = new ObjectStore(options.clock, options.historyLimit);
    this.registry = new Registry(this.store, options.clock);
    this.behaviours = new PodBehaviours(options.startDelayMs ?? 2000);
    const ctx = new ControllerContext(options.clock, this.store, this.registry);
    const replicaSets = new ReplicaSetController(ctx);
    this.controllers = [
      new NamespaceController(ctx),
      new NamespaceDefaults(ctx),
      new Kubelet(ctx, this.behaviours),
      replicaSets,
      new DeploymentController(ctx),
      new RolloutController(ctx),
      new CronJobController(ctx),
      new JobController(ctx),
      new HorizontalPodAutoscalerController(ctx, (pod) => this.server.metrics.usageOf(pod)),
      replicaSets,
      new EndpointsController(ctx),
      new EndpointSliceController(ctx),
      new EventTtl(ctx),
    ];
    this.server = new KubeApiServer(this.registry, options.clock, options.watchHeartbeatMs);
    for (const o of bootstrapObjects(options.clock.now())) this.seed(o);
    // Changes made through the API are reconciled at once rather than on the next tick.
    this.unsubscribe = this.store.subscribe(() => this.schedule());
  }

  /** Stores an object as a client would create it (defaults, validation); kind and apiVersion pick the resource. */
  seed(object: KubeObject): KubeObject {
    const [group, version] = (object.apiVersion ?? 'v1').includes('/') ? (object.apiVersion ?? '').split('/') : ['', object.apiVersion ?? 'v1'];
    const resource = resourceByKind(group ?? '', object.kind ?? '') ?? RESOURCES.find((r) => r.kind === object.kind);
    if (!resource || !version) throw new Error(`the sandbox cluster does not serve ${object.apiVersion} ${object.kind}`);
    const namespace = object.metadata.namespace ?? (resource.namespaced ? 'default' : undefined);
    const created = this.registry.create({ resource, ...(namespace ? { namespace } : {}) }, object);
    if (object.status !== undefined && resource.status && resource.kind !== 'Pod') {
      return this.store.update(resource, { ...created, status: object.status }, { keepGeneration: true });
    }
    return created;
  }

  /** Where `kubectl logs` reads a container's output from (the world's traffic simulator); empty by default. */
  setPodLogSource(source: PodLogSource): void {
    this.server.logs.source = source;
  }

  /** How many requests per second each pod serves (the world's traffic simulator): `kubectl top` reads CPU and memory from it. */
  setPodLoadSource(source: PodLoadSource): void {
    this.server.metrics.load = source;
  }

  /** Reconciles until the seeded objects have their replica sets and pods, and makes those pods run from the start. */
  settle(): void {
    for (let i = 0; i < 5; i++) this.reconcile();
    this.behaviours.markWarm(this.store.list(R.pods).map((p) => p.metadata.uid ?? ''));
    for (let i = 0; i < 5; i++) this.reconcile();
  }

  async start(host = '127.0.0.1', port = 0): Promise<string> {
    const url = await this.server.listen(host, port);
    this.reconcile();
    this.timer = setInterval(() => this.reconcile(), this.options.tickMs ?? 100);
    this.timer.unref?.();
    return url;
  }

  /** One pass of every controller (tests call it directly). */
  reconcile(): void {
    this.pending = false;
    for (const controller of this.controllers) controller.syncAll();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe();
    await this.server.close();
  }

  private schedule(): void {
    if (this.pending || !this.timer) return;
    this.pending = true;
    setImmediate(() => {
      if (this.pending && this.timer) this.reconcile();
    });
  }
}

export { R };
