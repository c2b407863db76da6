// TrafficPlatform over one ECS cluster reached with one AWS profile and region; ECS runs the releases itself.

import type { ECSClient } from '@aws-sdk/client-ecs';
import type { ServiceObservation, TargetState, TargetView } from '../../app/model';
import type { NativeOutcome, NativeReleaseStart, NativeReleaseState, PlatformRelease, ServiceDescriptor, TrafficIntent, TrafficPlatform } from '../../app/ports';
import { PlatformError } from '../../app/ports';
import type { EcsServiceConfig, EcsTargetConfig } from './target-schema';
import { createEcsClient, describeTarget, isLoopbackEndpoint } from './client';
import { EcsApi } from './ecs-api';
import { ecsError, isUnreachable } from './errors';
import { FleetReader } from './fleet-reader';
import { observationOf, type EcsObservation } from './observation';
import { Pacer } from './pacer';
import { applyIntent, continuePromoted, keepPromoting, startDeployment, type RunnerContext, type RunnerTiming } from './release-runner';
import { deploymentOutcome } from './deployment-outcome';
import { VersionNames } from './versions';

export interface EcsPlatformOptions {
  /** A client of your own (tests); default: the SDK's, configured like the AWS CLI. */
  client?: ECSClient;
  /** Per attempt of an ECS call (an endpoint that accepts and never answers fails it then); default 10 s. */
  requestTimeoutMs?: number;
  /** Minimum age of a read before ECS is asked again; default 1 s for a loopback endpoint, 5 s for AWS. */
  refreshMs?: number;
  /** How often tasks are listed while no deployment runs; default 3 × refreshMs. */
  tasksEveryMs?: number;
  /** ECS calls per second for this target (token bucket, burst 2×); default 20 loopback, 5 AWS. */
  requestsPerSecond?: number;
  timing?: Partial<RunnerTiming>;
  now?: () => number;
}

export class EcsPlatform implements TrafficPlatform {
  readonly targetId: string;
  readonly platformRelease: PlatformRelease;
  private readonly client: ECSClient;
  private readonly reader: FleetReader;
  private readonly runner: RunnerContext;
  private readonly now: () => number;
  private readonly where: string;
  private state: TargetState = 'connecting';
  private lastError: string | null = null;
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly config: EcsTargetConfig,
    options: EcsPlatformOptions = {},
  ) {
    this.targetId = config.id;
    this.now = options.now ?? Date.now;
    this.where = describeTarget(config);
    const loopback = isLoopbackEndpoint(config.endpoint);
    const refreshMs = options.refreshMs ?? (loopback ? 1000 : 5000);
    const perSecond = options.requestsPerSecond ?? (loopback ? 50 : 5);
    this.client = options.client ?? createEcsClient(config, options.requestTimeoutMs);
    const api = new EcsApi(this.client, config.cluster, new Pacer(perSecond, perSecond * 2));
    const configured = Object.assign({}, ...config.services.map((s) => s.versions)) as Record<string, string>;
    const names = new VersionNames(api, configured);
    this.reader = new FleetReader(api, names, config.services.map((s) => s.service), { refreshMs, tasksEveryMs: options.tasksEveryMs ?? refreshMs * 3, now: this.now });
    this.runner = {
      api,
      reader: this.reader,
      names,
      targetId: config.id,
      where: this.where,
      promoting: new Map(),
      startedAfter: new Map(),
      timing: { graceMs: loopback ? 5000 : 20_000, settleMs: loopback ? 5000 : 30_000, pollMs: loopback ? 200 : 2000, ...options.timing },
    };
    this.platformRelease = { start: (serviceId, release) => this.start(serviceId, release), follow: (serviceId, release) => this.follow(serviceId, release) };
  }

  targetView(): TargetView {
    return {
      id: this.config.id,
      name: this.config.name ?? this.config.id,
      platform: 'ecs',
      address: this.where,
      state: this.state,
      message: this.state === 'connected' ? null : this.lastError,
    };
  }

  async discover(): Promise<ServiceDescriptor[]> {
    return Promise.all(
      this.config.services.map(async (s) => {
        const observation = await this.observe(s.id);
        return {
          id: s.id,
          name: s.name ?? s.id,
          targetId: this.targetId,
          strategy: s.strategy,
          versions: [...new Set([...Object.keys(s.versions), ...observation.versions])],
          stable: s.stable,
          candidate: s.candidate,
        };
      }),
    );
  }

  async observe(serviceId: string): Promise<EcsObservation> {
    const service = this.service(serviceId);
    let snapshot = await this.track('DescribeServices', () => this.reader.snapshot(service.service));
    if (await this.track('ContinueServiceDeployment', () => continuePromoted(this.runner, snapshot))) {
      this.reader.invalidate();
      snapshot = await this.track('DescribeServices', () => this.reader.snapshot(service.service));
    }
    if (!snapshot.service) {
      throw new PlatformError(`ECS ${this.where} has no service ${service.service} (${snapshot.missing}) for ${serviceId}`, this.targetId);
    }
    return observationOf(snapshot, {
      serviceId,
      cluster: this.config.cluster,
      region: this.config.region,
      profile: this.config.profile ?? null,
      promoting: new Set(this.runner.promoting.keys()),
      now: this.now(),
    });
  }

  applyTraffic(serviceId: string, intent: TrafficIntent): Promise<ServiceObservation> {
    const service = this.service(serviceId);
    return this.serially(serviceId, async () => {
      await this.track('deployment change', () => applyIntent(this.runner, service, intent));
      return this.observe(serviceId);
    });
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.queues.values()]);
    this.client.destroy();
  }

  private start(serviceId: string, release: NativeReleaseStart): Promise<ServiceObservation> {
    const service = this.service(serviceId);
    return this.serially(serviceId, async () => {
      await this.track('UpdateService', () => startDeployment(this.runner, service, release));
      return this.observe(serviceId);
    });
  }

  /** The release's deployment as last read: hooks continued after a promote, and how ECS ended it, if it has. */
  private async follow(serviceId: string, release: NativeReleaseState): Promise<NativeOutcome | null> {
    const service = this.service(serviceId);
    const snapshot = await this.track('DescribeServices', () => this.reader.snapshot(service.service));
    if (release.promoting) keepPromoting(this.runner, snapshot, release.candidate);
    return deploymentOutcome(snapshot, release.candidate, this.runner.startedAfter.get(service.service));
  }

  private serially<T>(serviceId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(serviceId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.queues.set(serviceId, next);
    return next;
  }

  private service(serviceId: string): EcsServiceConfig {
    const service = this.config.services.find((s) => s.id === serviceId);
    if (!service) throw new PlatformError(`ECS target ${this.config.id} has no service ${serviceId} in the workspace`, this.targetId);
    return service;
  }

  /** Keeps the target's state: any answer from ECS means connected; network, credential and throttling failures do not. */
  private async track<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      this.state = 'connected';
      this.lastError = null;
      return result;
    } catch (error) {
      const wrapped = ecsError(this.where, this.targetId, operation, error);
      if (isUnreachable(error)) {
        this.state = 'unreachable';
        this.lastError = wrapped.message;
      } else if (!(error instanceof PlatformError)) {
        this.state = 'connected';
      }
      throw wrapped;
    }
  }
}
