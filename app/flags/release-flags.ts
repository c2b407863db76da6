// The flags a release touched: recorded on first touch (what a rollback restores), and the restores a rollback owes.

import type { Release } from '../release/model';
import type { FlagRestore, FlagState, ReleaseFlag } from './model';
import type { FlagEffect } from './steps';

export function restoreOf(state: Pick<FlagState, 'enabled' | 'percent'>): FlagRestore {
  return { enabled: state.enabled, percent: state.percent };
}

/** The release's flags with this change recorded: `before` only when the release first touches the flag. */
export function recordFlag(release: Pick<Release, 'flags'>, before: FlagState, after: FlagState): ReleaseFlag[] {
  const flags = release.flags ?? [];
  const known = flags.find((f) => f.flag === after.flag);
  if (!known) return [...flags, { flag: after.flag, before: restoreOf(before), last: restoreOf(after), restored: false }];
  return flags.map((f) => (f.flag === after.flag ? { ...f, last: restoreOf(after), restored: false } : f));
}

/** The release's flags with this one put back as it was before the release. */
export function markRestored(release: Pick<Release, 'flags'>, after: FlagState): ReleaseFlag[] {
  return (release.flags ?? []).map((f) => (f.flag === after.flag ? { ...f, last: restoreOf(after), restored: true } : f));
}

/** The next flag a rollback must put back (the order the release first touched them), or null when none is left. */
export function nextRestore(release: Pick<Release, 'flags'>): FlagEffect | null {
  const pending = (release.flags ?? []).find((f) => !f.restored);
  return pending ? { kind: 'flag', purpose: 'rollback', flag: pending.flag, change: { restore: pending.before } } : null;
}
