// TrafficPlatform over one kubeconfig context: services configured or discovered in its namespaces,
// observed through watch caches, moved by the traffic mover their objects call for (traffic-*.ts), one driver per release via Leases.

import { plainServiceId } from '../../app/environments/key';
import type { TargetState, TargetView } from '../../app/model';
import { PlatformError, type LeaseResult, type MirrorIntent, type ReleaseLeasePort, type ServiceDescriptor, type TrafficIntent } from '../../app/ports';
import type { ServiceDiscovery, TargetPlatform } from '../platform-module';
import type { KubernetesServiceConfig, KubernetesTargetConfig } from './target-schema';
import { connect, placeOf, resolveContext, type Connection, type ResolvedContext } from './connection';
import { discoverServices } from './discovery';
import { reasonOf } from './errors';
import { driverIdentity } from './identity';
import { leaseNameOf, ReleaseLease } from './lease';
import { loginPath } from './login-path';
import { mirrorSupport, modeOf } from './modes';
import { EMPTY_OBJECTS, type ClusterObjects } from './objects';
import { observationOf, type KubeObservation } from './observe';
import { resolveService } from './resolve';
import type { TrafficMover, MoverContext, Written } from './traffic-mover';
import { applyArgo } from './traffic-argo';
import { applySelectorSwitch } from './traffic-selector-switch';
import { applyReplicaRatio } from './traffic-replica-ratio';
import { applyRolling } from './traffic-rolling';
import { applyHttpRouteWeights, applyVirtualServiceWeights } from './traffic-weights';
import { applyMirror } from './traffic-mirror';
import { KubeWrites } from './writes';

export interface KubernetesPlatformOptions {
  now?: () => number;
  /** How long a version may take to get ready before traffic moves onto it; default 60 s. */
  readyWaitMs?: number;
  /** How long observe waits for a connection still being made before it reports "connecting"; default 5 s. */
  connectWaitMs?: number;
  /** Keep the namespaces' objects live with watches (default); false: list them once, for a host that reads once. */
  watch?: boolean;
  /** Per API request (a server that accepts and never answers fails it then); default 30 s. */
  requestTimeoutMs?: number;
  /** Lease holder identity; default `<user>@<host>/<pid>`. */
  identity?: string;
  leaseSeconds?: number;
  loginPath?: () => Promise<string>;
  env?: Record<string, string | undefined>;
}

const MOVERS: Record<ReturnType<typeof modeOf>, TrafficMover> = {
  'http-route': applyHttpRouteWeights,
  'virtual-service': applyVirtualServiceWeights,
  'selector-switch': applySelectorSwitch,
  'replica-ratio': applyReplicaRatio,
  rolling: applyRolling,
  'argo-rollout': applyArgo,
};

export class KubernetesPlatform implements TargetPlatform {
  readonly targetId: string;
  /** This release's Lease; the host asks it before driving, and on every poll (which renews it). */
  readonly leases: ReleaseLeasePort = {
    name: 'Kubernetes Lease',
    acquireLease: (serviceId) => this.acquireLease(serviceId),
    leaseHolder: (serviceId) => this.leaseHolder(serviceId),
    releaseLease: (serviceId) => this.releaseLease(serviceId),
  };
  /** A target that configures no services lists what it finds in its namespaces. */
  readonly discovery: ServiceDiscovery = {
    services: () => this.services(),
    connectsOnItsOwn: () => this.config.connect === 'start',
  };
  private readonly now: () => number;
  private readonly identity: string;
  private state: TargetState = 'connecting';
  private lastError: string | null = null;
  private place: { context: string; cluster?: string; server?: string };
  private connecting: Promise<Connection> | null = null;
  private connection: Connection | null = null;
  private discovered: KubernetesServiceConfig[] = [];
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Cancels every API request in flight when the platform closes. */
  private readonly closing = new AbortController();
  private readonly leaseObjects = new Map<string, ReleaseLease>();
  private closed = false;

  constructor(
    private readonly config: KubernetesTargetConfig,
    private readonly options: KubernetesPlatformOptions = {},
  ) {
    this.targetId = config.id;
    this.now = options.now ?? Date.now;
    this.identity = options.identity ?? driverIdentity();
    this.place = { context: config.context ?? '(current context)' };
    if (config.connect === 'start') void this.open().catch(() => undefined);
  }

  targetView(): TargetView {
    const opened = this.config.connect === 'start' || this.connecting !== null;
    return {
      id: this.config.id,
      name: this.config.name ?? this.config.id,
      platform: 'kubernetes',
      address: `${this.place.context}${this.place.server ? ` · ${this.place.server}` : ''}`,
      state: this.state,
      message: this.state === 'connected' ? null : opened ? this.lastError : 'not opened: Switchyard connects when you open this context',
      ...(opened ? {} : { openable: true }),
    };
  }

  /** Connects (once; again after a failure); the sandbox and `connect: start` targets open at construction. */
  open(): Promise<Connection> {
    if (this.connection) return Promise.resolve(this.connection);
    this.connecting ??= this.connectNow().catch((error: unknown) => {
      this.connecting = null;
      this.state = 'unreachable';
      this.lastError = error instanceof Error ? error.message : String(error);
      throw error;
    });
    return this.connecting;
  }

  private async connectNow(): Promise<Connection> {
    this.state = 'connecting';
    let resolved: ResolvedContext;
    try {
      resolved = await resolveContext(this.config, this.options.env);
    } catch (error) {
      throw new PlatformError(`Kubernetes target ${this.config.id}: ${reasonOf(error)}`, this.targetId);
    }
    this.place = { context: resolved.context, cluster: resolved.cluster, server: resolved.server };
    const connection = await connect(resolved, {
      namespaces: this.namespaces(),
      requestTimeoutMs: this.options.requestTimeoutMs,
      signal: this.closing.signal,
      loginPath: this.options.loginPath ?? loginPath,
      watch: this.options.watch ?? true,
      onWatchError: (ns, error) => {
        this.lastError = `${placeOf(this.place)}: watching namespace ${ns}: ${reasonOf(error)}`;
      },
    }).catch((error: unknown) => {
      throw new PlatformError(error instanceof Error ? error.message : String(error), this.targetId);
    });
    if (this.closed) {
      await Promise.all([...connection.caches.values()].map((c) => c.stop()));
      throw new PlatformError(`Kubernetes target ${this.config.id} was closed while connecting`, this.targetId);
    }
    this.connection = connection;
    this.state = 'connected';
    this.lastError = null;
    this.discovered = this.discoverNow(connection);
    return connection;
  }

  private namespaces(): string[] {
    const listed = this.config.namespaces ?? [this.config.namespace];
    return [...new Set([...listed, ...this.config.services.map((s) => s.namespace ?? this.config.namespace)])];
  }

  private discoverNow(connection: Connection): KubernetesServiceConfig[] {
    const qualify = connection.caches.size > 1;
    return [...connection.caches].flatMap(([ns, cache]) => discoverServices(cache.objects(), ns, qualify));
  }

  /** The services: the workspace's, or (when it lists none) those discovered in the cluster. */
  services(): KubernetesServiceConfig[] {
    if (this.config.services.length > 0) return this.config.services;
    if (this.connection) this.discovered = this.discoverNow(this.connection);
    return this.discovered;
  }

  async discover(): Promise<ServiceDescriptor[]> {
    await this.open();
    return this.services().map((s) => ({
      id: s.id,
      name: s.name ?? s.id,
      targetId: this.targetId,
      strategy: s.strategy,
      versions: resolveService(s, this.namespaceOf(s), this.objectsOf(s)).versions,
      stable: s.stable,
      candidate: s.candidate,
      ...mirrorSupport(s),
    }));
  }

  async observe(serviceId: string): Promise<KubeObservation> {
    const service = this.service(serviceId);
    await this.ready();
    const stale = this.connection?.caches.get(this.namespaceOf(service))?.staleness();
    return observationOf(resolveService(service, this.namespaceOf(service), this.objectsOf(service)), this.now(), stale ?? null);
  }

  async applyTraffic(serviceId: string, intent: TrafficIntent): Promise<KubeObservation> {
    const service = this.service(serviceId);
    const previous = this.queues.get(serviceId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.apply(service, (ctx) => MOVERS[modeOf(service)](ctx, intent)));
    this.queues.set(serviceId, next);
    return next;
  }

  /** Shadow traffic on the service's HTTPRoute or VirtualService; the route weights (user split) stay as they are. */
  async mirror(serviceId: string, intent: MirrorIntent): Promise<KubeObservation> {
    const service = this.service(serviceId);
    const previous = this.queues.get(serviceId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.apply(service, (ctx) => applyMirror(ctx, intent)));
    this.queues.set(serviceId, next);
    return next;
  }

  private async apply(service: KubernetesServiceConfig, change: (ctx: MoverContext) => Promise<Written>): Promise<KubeObservation> {
    const connection = await this.open();
    const namespace = this.namespaceOf(service);
    const objects = this.objectsOf(service);
    const ctx: MoverContext = {
      resolved: resolveService(service, namespace, objects),
      objects,
      writes: new KubeWrites(connection.clients, namespace),
      readyWaitMs: this.options.readyWaitMs ?? 60_000,
      later: (key, ms, fn) => this.later(key, ms, fn),
      cancel: (key) => this.cancel(key),
    };
    let written: Written;
    try {
      written = await change(ctx);
    } catch (error) {
      const observation = await this.observe(service.id).catch(() => undefined);
      const live = observation ? `; live split: ${observation.split.map((e) => `${e.version} ${e.percent}%`).join(', ')}` : '';
      throw new PlatformError(`${service.id} in ${placeOf(this.place)}, namespace ${namespace}: ${reasonOf(error)}${live}`, this.targetId, observation);
    }
    const after = { ...this.objectsOf(service), ...withWritten(this.objectsOf(service), written) };
    return observationOf(resolveService(service, namespace, after), this.now());
  }

  private async acquireLease(serviceId: string): Promise<LeaseResult | null> {
    if (!this.config.leases) return null;
    const lease = await this.lease(serviceId);
    return lease ? lease.acquire() : null;
  }

  private async leaseHolder(serviceId: string): Promise<string | null> {
    if (!this.config.leases) return null;
    const lease = await this.lease(serviceId);
    const holder = lease ? await lease.holder() : null;
    return holder && holder.identity !== this.identity ? holder.identity : null;
  }

  private async releaseLease(serviceId: string): Promise<void> {
    await this.leaseObjects.get(serviceId)?.release();
  }

  /** The Lease of one release: named by its release key, so two environments in one namespace never share one. */
  private async lease(releaseKey: string): Promise<ReleaseLease | null> {
    const serviceId = plainServiceId(releaseKey);
    const known = this.leaseObjects.get(releaseKey);
    if (known) return known;
    const service = this.service(serviceId);
    const connection = await this.open();
    const lease = new ReleaseLease(connection.clients.coordination, this.namespaceOf(service), leaseNameOf(releaseKey), this.identity, {
      durationSeconds: this.options.leaseSeconds ?? 30,
      now: this.now,
    });
    this.leaseObjects.set(releaseKey, lease);
    return lease;
  }

  async close(): Promise<void> {
    this.closed = true;
    // Still connecting (a server that does not answer): drop its requests now. Connected: changes under way finish
    // and the Leases are let go first, then anything left is dropped.
    if (!this.connection) this.closing.abort();
    await Promise.allSettled([...this.queues.values()]);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.leaseObjects.values()].map((l) => l.release()));
    const connection = this.connection;
    this.connection = null;
    if (connection) await Promise.all([...connection.caches.values()].map((c) => c.stop()));
    this.closing.abort();
  }

  private async ready(): Promise<void> {
    if (this.connection) return;
    if (this.config.connect === 'open' && !this.connecting) {
      throw new PlatformError(`Kubernetes context ${this.place.context} is not opened`, this.targetId);
    }
    const wait = this.options.connectWaitMs ?? 5000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PlatformError(`still connecting to ${placeOf(this.place)}`, this.targetId)), wait);
    });
    try {
      await Promise.race([this.open(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private service(serviceId: string): KubernetesServiceConfig {
    const service = this.services().find((s) => s.id === serviceId);
    if (!service) throw new PlatformError(`Kubernetes target ${this.config.id} (${placeOf(this.place)}) has no service ${serviceId}`, this.targetId);
    return service;
  }

  private namespaceOf(service: KubernetesServiceConfig): string {
    return service.namespace ?? this.config.namespace;
  }

  private objectsOf(service: KubernetesServiceConfig): ClusterObjects {
    return this.connection?.caches.get(this.namespaceOf(service))?.objects() ?? EMPTY_OBJECTS;
  }

  private later(key: string, ms: number, fn: () => Promise<void>): void {
    this.cancel(key);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      if (!this.closed) void fn().catch((error: unknown) => (this.lastError = `${placeOf(this.place)}: scaling down after the switch: ${reasonOf(error)}`));
    }, ms);
    timer.unref?.();
    this.timers.set(key, timer);
  }

  private cancel(key: string): void {
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }
}

/** The cache's objects with the ones the mover just wrote put in place of their older copies. */
function withWritten(objects: ClusterObjects, written: Written): Partial<ClusterObjects> {
  const out: Partial<ClusterObjects> = {};
  for (const key of Object.keys(written) as (keyof ClusterObjects)[]) {
    const fresh = (written[key] ?? []) as { metadata?: { name?: string } }[];
    const names = new Set(fresh.map((o) => o.metadata?.name));
    const old = objects[key] as { metadata?: { name?: string } }[];
    (out as Record<string, unknown>)[key] = [...old.filter((o) => !names.has(o.metadata?.name)), ...fresh];
  }
  return out;
}
