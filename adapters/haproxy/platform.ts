// TrafficPlatform over one HAProxy runtime API: services are backends, versions are sets of servers.

import type { ServiceObservation, TargetState, TargetView } from '../../app/model';
import { PlatformError, type ServiceDescriptor, type TrafficIntent, type TrafficPlatform } from '../../app/ports';
import type { HaproxyServiceConfig, HaproxyTargetConfig } from './target-schema';
import { RuntimeApiClient, RuntimeConnectionError } from './runtime-client';
import { readBackends, type BackendServers } from './snapshot';
import { configurationProblems, observationOf, resolveService, type ServiceServers } from './service-servers';
import { refusalOf } from './traffic-checks';
import { describeFailing } from './server-view';
import { planTraffic } from './traffic-plan';
import { describeDivergence } from './divergence';

export interface HaproxyPlatformOptions {
  /** Per runtime-API command; default 2000 ms. */
  timeoutMs?: number;
  /** Timestamps observations; default Date.now. */
  now?: () => number;
  /** How long readied servers may take to enter load balancing before the other side is lowered; default 5000 ms. */
  readyWaitMs?: number;
}

const CAPACITY_POLL_MS = 100;
/** How long one read of every backend serves the observations of a poll tick (the host polls every second). */
const SHARED_READ_MS = 500;

export class HaproxyPlatform implements TrafficPlatform {
  readonly targetId: string;
  private readonly client: RuntimeApiClient;
  private readonly now: () => number;
  private readonly readyWaitMs: number;
  private state: TargetState = 'connecting';
  private lastError: string | null = null;
  private readonly queues = new Map<string, Promise<unknown>>();
  /** Bumped when a change starts and ends: a shared read from before it is not reused. */
  private generation = 0;
  private shared: { generation: number; startedAt: number; read: Promise<BackendServers> } | null = null;
  /** The last read of every backend: servers that read the same keep their view objects. */
  private lastRead: BackendServers | null = null;

  constructor(
    private readonly config: HaproxyTargetConfig,
    options: HaproxyPlatformOptions = {},
  ) {
    this.targetId = config.id;
    this.now = options.now ?? Date.now;
    this.readyWaitMs = options.readyWaitMs ?? 5000;
    this.client = new RuntimeApiClient({ address: config.runtimeApi, targetId: config.id, timeoutMs: options.timeoutMs });
    for (const service of config.services) {
      this.client.assertSafeName(service.backend);
      for (const servers of Object.values(service.versions)) servers.forEach((s) => this.client.assertSafeName(s));
    }
  }

  targetView(): TargetView {
    return {
      id: this.config.id,
      name: this.config.name ?? this.config.id,
      platform: 'haproxy',
      address: this.config.runtimeApi,
      state: this.state,
      message: this.state === 'connected' ? null : this.lastError,
    };
  }

  async discover(): Promise<ServiceDescriptor[]> {
    const backends = await this.track(readBackends(this.client));
    const problems = this.config.services.flatMap((s) => configurationProblems(resolveService(s, backends), [...backends.keys()]));
    if (problems.length > 0) {
      throw new PlatformError(`HAProxy target ${this.config.id} does not match the workspace: ${problems.join('; ')}`, this.targetId);
    }
    return this.config.services.map((s) => ({
      id: s.id,
      name: s.name ?? s.id,
      targetId: this.targetId,
      strategy: s.strategy,
      versions: Object.keys(s.versions),
      stable: s.stable,
      candidate: s.candidate,
    }));
  }

  /**
   * What the data plane has for one service. A target with several services reads every backend once per poll tick
   * (two runtime-API commands) and serves each service's observation from that read, instead of two commands each.
   */
  async observe(serviceId: string): Promise<ServiceObservation> {
    const service = this.service(serviceId);
    return this.observeFrom(service, this.config.services.length > 1 ? resolveService(service, await this.sharedRead(service)) : await this.resolve(service));
  }

  private observeFresh(service: HaproxyServiceConfig): Promise<ServiceObservation> {
    return this.resolve(service).then((resolved) => this.observeFrom(service, resolved));
  }

  private observeFrom(service: HaproxyServiceConfig, resolved: ServiceServers): ServiceObservation {
    const serviceId = service.id;
    if (!resolved.backendFound) {
      throw new PlatformError(
        `HAProxy target ${this.config.id} has no backend ${resolved.service.backend} (service ${serviceId})`,
        this.targetId,
      );
    }
    return observationOf(resolved, this.now());
  }

  async applyTraffic(serviceId: string, intent: TrafficIntent): Promise<ServiceObservation> {
    const service = this.service(serviceId);
    // One change at a time per service: each plan is computed from what the previous one left.
    const previous = this.queues.get(serviceId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.apply(service, intent));
    this.queues.set(serviceId, next);
    return next;
  }

  /** Null when HAProxy already realises the intent; else which servers differ (e.g. after a reload reset them). */
  async divergence(serviceId: string, intent: TrafficIntent): Promise<string | null> {
    const service = this.service(serviceId);
    const previous = this.queues.get(serviceId) ?? Promise.resolve();
    const check = previous.catch(() => undefined).then(async () => {
      const resolved = await this.resolve(service);
      if (refusalOf(resolved, intent) !== null) return null;
      return describeDivergence(resolved, planTraffic(resolved, intent));
    });
    this.queues.set(serviceId, check);
    return check;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.queues.values()]);
  }

  private async apply(service: HaproxyServiceConfig, intent: TrafficIntent): Promise<ServiceObservation> {
    this.generation++;
    try {
      return await this.applyChanges(service, intent);
    } finally {
      this.generation++;
    }
  }

  private async applyChanges(service: HaproxyServiceConfig, intent: TrafficIntent): Promise<ServiceObservation> {
    const before = await this.resolve(service);
    const refusal = refusalOf(before, intent);
    if (refusal !== null) {
      throw new PlatformError(refusal, this.targetId, before.backendFound ? observationOf(before, this.now()) : undefined);
    }
    const changes = planTraffic(before, intent);
    const receiving = [...(intent.candidatePercent > 0 ? [intent.candidate] : []), ...(intent.candidatePercent < 100 ? [intent.stable] : [])];
    let done = 0;
    let raised = false;
    try {
      for (const change of changes) {
        if (change.lowers && raised) await this.awaitCapacity(service, receiving);
        await this.track(this.client.run(change.command));
        raised = !change.lowers;
        done++;
      }
    } catch (err) {
      const observation = await this.observeFresh(service).catch(() => undefined);
      const where = `applied ${done} of ${changes.length} changes to ${service.id}`;
      const live = observation ? `; live split: ${describeSplit(observation)}` : '; the live split could not be read back';
      throw new PlatformError(`${(err as Error).message} (${where}${live})`, this.targetId, observation);
    }
    return this.observeFresh(service);
  }

  /** Waits until every receiving version has a server in load balancing with weight, before anything is lowered. */
  private async awaitCapacity(service: HaproxyServiceConfig, versions: string[]): Promise<void> {
    const deadline = Date.now() + this.readyWaitMs;
    for (;;) {
      const resolved = await this.resolve(service);
      const empty = versions.filter((v) => !(resolved.byVersion.get(v) ?? []).some((s) => s.serving && s.weight > 0));
      if (empty.length === 0) return;
      if (Date.now() >= deadline) {
        const version = empty[0]!;
        const servers = (resolved.byVersion.get(version) ?? []).map(describeFailing);
        throw new PlatformError(
          `${service.id} ${version} has no server taking traffic ${this.readyWaitMs} ms after it was readied (${servers.join('; ')}); stopped before taking traffic from the other servers`,
          this.targetId,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, CAPACITY_POLL_MS));
    }
  }

  private service(serviceId: string): HaproxyServiceConfig {
    const service = this.config.services.find((s) => s.id === serviceId);
    if (!service) throw new PlatformError(`HAProxy target ${this.config.id} has no service ${serviceId} in the workspace`, this.targetId);
    return service;
  }

  /**
   * The read of every backend this tick. A change since it started (a step applied) makes it stale: the service is
   * then read on its own, so a refresh after each change does not read 10,000 servers again.
   */
  private sharedRead(service: HaproxyServiceConfig): Promise<BackendServers> {
    const now = Date.now();
    const shared = this.shared;
    const fresh = shared !== null && now - shared.startedAt < SHARED_READ_MS;
    if (fresh && shared.generation === this.generation) return shared.read;
    if (fresh) return this.track(readBackends(this.client, service.backend, this.lastRead));
    const read = this.track(readBackends(this.client, undefined, this.lastRead));
    this.shared = { generation: this.generation, startedAt: now, read };
    read.then((backends) => (this.lastRead = backends)).catch(() => undefined);
    read.catch(() => {
      if (this.shared?.read === read) this.shared = null;
    });
    return read;
  }

  private async resolve(service: HaproxyServiceConfig): Promise<ServiceServers> {
    return resolveService(service, await this.track(readBackends(this.client, service.backend, this.lastRead)));
  }

  /** Keeps the target's connection state: any answer means connected, a broken connection means unreachable. */
  private async track<T>(work: Promise<T>): Promise<T> {
    try {
      const result = await work;
      this.state = 'connected';
      this.lastError = null;
      return result;
    } catch (err) {
      if (err instanceof RuntimeConnectionError) {
        this.state = 'unreachable';
        this.lastError = err.message;
      } else {
        this.state = 'connected';
      }
      throw err;
    }
  }
}

function describeSplit(observation: ServiceObservation): string {
  return observation.split.map((e) => `${e.version} ${e.percent}%`).join(', ');
}
