// Plans: the ordered steps of a release.

import type { Strategy } from './model';
import type { JudgmentConfig } from './analysis/types';
import type { NoDataAction, Rule } from './rule';

export interface SmokeCheck {
  name: string;
  url: string;
  method: 'GET' | 'HEAD' | 'POST';
  expectStatus: number;
  bodyContains: string | null;
  maxLatencyMs: number | null;
}

export type Step =
  /** Send this share of traffic to the candidate (canary weight, or rolling batch). */
  | { kind: 'setWeight'; percent: number; /** Extra rules while this weight holds (until the next setWeight). */ rules?: Rule[] }
  /** Wait: durationMs, or until an operator acts when null. */
  | { kind: 'pause'; durationMs: number | null }
  /** Hold for durationMs while the rules watch the candidate. */
  | {
      kind: 'analysis';
      durationMs: number;
      /** Extra rules watched during this step only. */
      rules?: Rule[];
      /** Canary vs stable judgment over the step's window when it ends: fail rolls back, marginal pauses. */
      judgment?: JudgmentConfig;
    }
  /** HTTP checks against the candidate before it gets user traffic. */
  | { kind: 'smoke'; checks: SmokeCheck[] }
  /** Blue-green: move all traffic to the candidate at once. */
  | { kind: 'switch' }
  /** Blue-green: keep the old version warm for delayMs, then retire it. */
  | { kind: 'retire'; delayMs: number }
  /**
   * Shadow traffic: copy this share (0–100) of the stable version's requests to the candidate; responses of the
   * copies are discarded, so users never see the candidate. The user split does not change; 0 stops mirroring.
   */
  | { kind: 'mirror'; percent: number };

export type StepKind = Step['kind'];

export interface Plan {
  strategy: Strategy;
  steps: Step[];
  /** What an analysis that ends without data does: pause for a human (default) or roll back. */
  onNoData?: NoDataAction;
}
