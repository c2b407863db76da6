// The promotion rule: a version may start in environment N only after it was Promoted in N−1 and held there for N's
// soak with no rule firing (soak.ts watches the soak).

import { formatDuration } from '../plans';
import type { Release } from '../release/model';
import { clockTime } from '../release/words';
import type { Environment } from './layout';
import { describeFiring } from '../rules/format';
import { promotedAt } from './soak';

export interface PromotionEvidence {
  /** The environment the version would start in, and the one before it (null: the first, no rule). */
  environment: Environment;
  previous: Environment | null;
  serviceName: string;
  /** The version a start would release here. */
  version: string;
  /** Whether the service is in the previous environment at all; a service new here has nothing to be promoted from. */
  inPrevious: boolean;
  /** The service's latest release in the previous environment (the release store's record), or null. */
  previousRelease: Release | null;
  /** A rule of the service breaching on the version in the previous environment now (soak.ts breachingNow), described; null when none. */
  previousFiring: string | null;
  /** World ms now (the soak runs on world time: a sped-up sandbox soaks faster). */
  now: number;
}

/** Null when the version may start here; otherwise why it needs an override (one line, names the evidence). */
export function promotionBlocker(evidence: PromotionEvidence): string | null {
  const { previous, version, previousRelease: release, environment } = evidence;
  if (!previous || !evidence.inPrevious) return null;
  const from = previous.name;
  if (!release || release.candidate !== version) {
    const latest = release ? ` (its latest release there is of ${release.candidate}, ${release.phase})` : '';
    return `${version} has no promotion in ${from} on record${latest}; it must be Promoted in ${from} before it starts in ${environment.name}`;
  }
  switch (release.phase) {
    case 'RolledBack':
    case 'Failed': {
      const when = release.endedAt === null ? '' : ` at ${clockTime(release.endedAt)}`;
      const why = release.reason ? `: ${release.reason}` : '';
      return `${version} was ${release.phase === 'Failed' ? 'failed' : 'rolled back'} in ${from}${when}${why}`;
    }
    case 'Promoted':
      break;
    default:
      return `${version} is still being released in ${from} (${release.phase}); promote it there first`;
  }
  // A rule that fired during the soak refuses the version even after it recovered (soak.ts records it on the release).
  const fired = release.soakFiring;
  if (fired) return `${version} fired a rule in ${from} during its soak at ${clockTime(fired.firedAt)} (${describeFiring(fired)})`;
  const soakMs = environment.soakMs ?? 0;
  const promoted = promotedAt(release);
  const held = evidence.now - promoted;
  if (held < soakMs) {
    return `${version} was promoted in ${from} at ${clockTime(promoted)} and must soak there ${formatDuration(soakMs)} before ${environment.name} (${formatDuration(soakMs - held)} left)`;
  }
  if (evidence.previousFiring) return `a rule breaches on ${version} in ${from} now: ${evidence.previousFiring}`;
  return null;
}

/** Orders version names as people read them: "v1.10.0" after "v1.9.2". */
export function compareVersions(a: string, b: string): number {
  return a.replace(/^v/i, '').localeCompare(b.replace(/^v/i, ''), 'en', { numeric: true });
}
