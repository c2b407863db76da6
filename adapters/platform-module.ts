// What each adapters/<platform>/index.ts exports: one platform module, everything the host needs to know about it.

import type { z } from 'zod';
import type { TargetView } from '../app/model';
import type { Plan } from '../app/plan';
import type { MetricsSource, TrafficPlatform } from '../app/ports';
import type { ServiceConfigBase, TargetConfigBase } from '../app/workspace';

/** Who runs this Switchyard: platforms that coordinate drivers across machines name the holder by it. */
export interface PlatformEnv {
  operator?: string;
  /** The host reads every target once and closes, acting on nothing (`switchyard status`): nothing need stay live. */
  readOnce?: boolean;
}

/** Where a target is expanded from: the workspace's label for messages, and the environment (KUBECONFIG, …). */
export interface ExpandContext {
  label: string;
  env: Record<string, string | undefined>;
}

/** The platform of one target as the host holds it: what the engine moves traffic with, plus what the host shows and opens. */
export interface TargetPlatform extends TrafficPlatform {
  targetView(): TargetView;
  /** Present when the operator can open the target (a Kubernetes context): connects, or says why it cannot. */
  open?(): Promise<unknown>;
  /** Present when the platform finds services itself, for a target that configures none. */
  readonly discovery?: ServiceDiscovery;
}

export interface ServiceDiscovery {
  /** What the last look at the platform found, without connecting. */
  services(): ServiceConfigBase[];
  /** Whether the host may connect in the background to look (false: the target waits to be opened). */
  connectsOnItsOwn(): boolean;
}

/** Whether a plan's mirror step can run on a service, and why not (the start refusal says it). */
export interface MirrorSupport {
  canMirror: boolean;
  cannotMirror?: string;
}

/**
 * What a platform can do beyond moving traffic, declared once. The host's platform has exactly these parts
 * (adapters/registry.ts `createPlatform`): `mirror` when mirror is not false, `leases`, `platformRelease`.
 */
export interface PlatformCapabilities<S> {
  /** Shadow traffic: false when no service can mirror, else why this service cannot (null: it can). */
  mirror: false | ((service: S) => string | null);
  /** A lease per release, so Switchyards on different machines never drive one release (TrafficPlatform.leases). */
  leases: boolean;
  /** The platform runs releases itself: plan steps become its native steps (TrafficPlatform.platformRelease). */
  nativeSteps: boolean;
}

/** Metrics a platform measures itself (HAProxy counters and logs), for its own services. */
export interface TargetMetrics extends MetricsSource {
  has(serviceId: string): boolean;
  /** Why the last sample had no data, when it had none. */
  readonly lastError: string | null;
  close(): Promise<void>;
}

export interface PlatformModule<T extends TargetConfigBase = TargetConfigBase> {
  /** The `platform:` of its targets in the workspace. */
  readonly platform: T['platform'];
  /** How messages name the platform: "HAProxy", "ECS", "Kubernetes". */
  readonly label: string;
  /** Discriminated by `platform`: adapters/registry.ts unites every module's schema. */
  readonly targetSchema: z.ZodType<T> & z.core.$ZodTypeDiscriminable;
  /** One target that names several places (contexts, profiles × regions) → one target per place; null: as it is. */
  expand?(target: T, context: ExpandContext): Promise<T[] | null>;
  /** What reaches the platform (its client library): loaded only when the workspace has a target of it. */
  load(): Promise<PlatformRuntime<T>>;
  /** The versions a configured service can run, before the platform is asked. */
  versions(service: T['services'][number]): string[];
  /** The plan of a service that configures none, when the platform's default differs from app/plans defaultPlan(). */
  defaultPlan?(service: T['services'][number]): Plan;
  readonly capabilities: PlatformCapabilities<T['services'][number]>;
}

/** The half of a platform module that talks to the platform, in adapters/<platform>/runtime.ts (PlatformModule.load). */
export interface PlatformRuntime<T extends TargetConfigBase = TargetConfigBase> {
  create(target: T, env: PlatformEnv): TargetPlatform;
  /** Metrics from the platform itself, used when the workspace configures no metrics source. */
  metrics?(target: T): TargetMetrics;
}

/** A metrics backend of the workspace's `metrics:` block (Prometheus, the sandbox simulator). */
export interface MetricsModule<C extends { type: string }> {
  readonly type: C['type'];
  create(config: C, service: (serviceId: string) => ServiceConfigBase | undefined): MetricsSource & { readonly lastError: string | null };
}
