// The control room's domain model: the words of DESIGN.md as types.

import type { PlatformDetail } from './platform-detail';

export type Platform = 'haproxy' | 'kubernetes' | 'ecs';

export type TargetState = 'connecting' | 'connected' | 'unreachable';

/** One connection to a platform (an HAProxy runtime API, a kube context, an ECS cluster). */
export interface TargetView {
  id: string;
  name: string;
  platform: Platform;
  /** Where it is reached, for display only (never a secret). */
  address: string;
  state: TargetState;
  /** Why it is not connected, verbatim from the platform or client. */
  message: string | null;
  /** Listed but not connected until the operator opens it (a Kubernetes context other than the current one). */
  openable?: boolean;
}

export type Strategy = 'canary' | 'blue-green' | 'rolling';

/** Share of requests one version receives, in percent. */
export interface SplitEntry {
  version: string;
  percent: number;
}

/** The split as the data plane really has it; percents sum to 100, or are all 0 when nothing serves. */
export type TrafficSplit = SplitEntry[];

export type InstanceStatus = 'up' | 'down' | 'draining' | 'maint' | 'starting';

/** One server / pod / task of a version. */
export interface Instance {
  name: string;
  version: string;
  status: InstanceStatus;
  /** Effective data-plane weight (HAProxy 0–256); null where the platform has none. */
  weight: number | null;
  /** Health-check result as the platform names it (e.g. L7OK), or null. */
  check: string | null;
}

/** What an adapter reads back from the platform about one service. */
export interface ServiceObservation {
  serviceId: string;
  versions: string[];
  split: TrafficSplit;
  instances: Instance[];
  observedAt: number;
  /** What the platform says beyond the split (how traffic moves, its deployment, hooks …); absent where it says nothing. */
  detail?: PlatformDetail;
}

/** Windowed request metrics of one version; null where the source has no data. */
export interface VersionMetrics {
  version: string;
  requestRate: number | null;
  /** Fraction of requests that failed, 0..1. */
  errorRate: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

export interface VersionHealth extends VersionMetrics {
  instancesReady: number;
  instancesTotal: number;
}

export type Phase = 'Pending' | 'Progressing' | 'Paused' | 'Promoted' | 'RolledBack' | 'Failed';

export const TERMINAL_PHASES: readonly Phase[] = ['Promoted', 'RolledBack', 'Failed'];

export function isTerminal(phase: Phase): boolean {
  return TERMINAL_PHASES.includes(phase);
}
