// The soak: after its promotion a release's rules are asked of its candidate's live health until the next
// environment's soak has passed; a breach sustained for a rule's window then is a soak firing (kept on the release).

import type { VersionMetrics } from '../model';
import type { Release } from '../release/model';
import type { Rule, RuleFiring } from '../rule';
import { formatMetric, metricLabel } from '../rules/format';
import { breaches, RuleWatch } from '../rules/watch';

/** What a version's health measures; rules on traffic share, readiness or a flag's cohort need a running release. */
const MEASURED = ['errorRate', 'p99Ms', 'p95Ms'] as const;
type Measured = Pick<VersionMetrics, (typeof MEASURED)[number]>;

/** The rules of a release its candidate's health can answer after the promotion. */
export function soakRules(rules: readonly Rule[]): Rule[] {
  return rules.filter((rule) => !rule.cohort && MEASURED.some((m) => m === rule.metric));
}

/** A rule's metric as the version's health measures it; null when it does not (or has no data). */
export function measured(rule: Rule, health: Measured | undefined): number | null {
  const metric = MEASURED.find((m) => m === rule.metric);
  const value = metric && health ? health[metric] : null;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The first rule the version breaches now ("error rate 3.2 % > 1 %"), or null. */
export function breachingNow(rules: readonly Rule[], health: Measured | undefined): string | null {
  for (const rule of soakRules(rules)) {
    const value = measured(rule, health);
    if (value !== null && breaches(rule, value)) {
      return `${metricLabel(rule.metric)} ${formatMetric(rule.metric, value)} ${rule.comparison} ${formatMetric(rule.metric, rule.threshold)}`;
    }
  }
  return null;
}

/** World ms the release was promoted (its end). */
export function promotedAt(release: Pick<Release, 'endedAt' | 'updatedAt'>): number {
  return release.endedAt ?? release.updatedAt;
}

export interface SoakSample {
  /** The release key the health is of. */
  key: string;
  release: Release;
  /** A release group: the member (target id) whose candidate this health is of; null on one target. */
  member: string | null;
  /** The soak of the environment the version would enter next (soak belongs to the environment being entered). */
  soakMs: number;
  /** The candidate's live health in the release's environment. */
  health: Measured | undefined;
  /** World ms of the sample. */
  now: number;
}

interface Soaking {
  releaseId: string;
  watches: RuleWatch[];
  /** The first firing, kept until the release records it. */
  firing: RuleFiring | null;
}

/**
 * Per release key (and group member): when each rule of the promoted release began breaching. Fed every poll by the
 * process that drives the service; says which firing to record on the release.
 */
export class SoakWatch {
  private readonly soaking = new Map<string, Soaking>();

  /** One sample of the candidate's health: the soak firing to record (the first, until the release has one), or null. */
  observe(sample: SoakSample): RuleFiring | null {
    const { release, now } = sample;
    const key = sample.member === null ? sample.key : `${sample.key}\u0000${sample.member}`;
    let soaking = this.soaking.get(key);
    if (release.phase !== 'Promoted' || release.soakFiring || sample.soakMs <= 0) {
      this.soaking.delete(key);
      return null;
    }
    if (soaking?.releaseId !== release.id) soaking = undefined;
    if (soaking?.firing) return soaking.firing;
    // After the soak nothing more is watched.
    if (now >= promotedAt(release) + sample.soakMs) {
      this.soaking.delete(key);
      return null;
    }
    if (!soaking) {
      soaking = { releaseId: release.id, watches: soakRules(release.rules).map((rule) => new RuleWatch(rule)), firing: null };
      this.soaking.set(key, soaking);
    }
    for (const watch of soaking.watches) {
      const fired = watch.feed(now, measured(watch.rule, sample.health));
      if (fired && !soaking.firing) soaking.firing = sample.member === null ? fired : { ...fired, member: sample.member };
    }
    return soaking.firing;
  }
}
