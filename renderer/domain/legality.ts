// Which operator actions make sense now, and why not. Mirrors the engine's rules; the engine has the final word.

import type { ActionName, ServiceView } from '../../app/api';
import { isTerminal } from '../../app/model';
import type { Release } from '../../app/release';
import { describeStep } from '../../app/plans';
import { clockText } from './format';

export interface Availability {
  enabled: boolean;
  /** Tooltip: what the action will do when enabled, why it is refused when not. */
  title: string;
}

export type ActionAvailability = Record<ActionName, Availability>;

export const SHORTCUTS: Partial<Record<ActionName, string>> = {
  step: 's',
  pause: 'p',
  resume: 'r',
  promote: 'Shift+P',
  rollback: 'Shift+R',
};

const ACTIONS: readonly ActionName[] = ['start', 'step', 'pause', 'resume', 'promote', 'rollback'];

function endedWords(release: Release): string {
  const when = release.endedAt === null ? '' : ` at ${clockText(release.endedAt)}`;
  switch (release.phase) {
    case 'Promoted':
      return `was promoted${when}`;
    case 'RolledBack':
      return `was rolled back${when}`;
    default:
      return `failed${when}`;
  }
}

function withShortcut(action: ActionName, title: string): string {
  const key = SHORTCUTS[action];
  return key === undefined ? title : `${title} (${key})`;
}

function allRefused(title: string): ActionAvailability {
  const result = {} as ActionAvailability;
  for (const action of ACTIONS) result[action] = { enabled: false, title };
  return result;
}

function startAvailability(service: ServiceView): Availability {
  const release = service.release;
  if (release !== null && !isTerminal(release.phase)) {
    return { enabled: false, title: `A release of ${service.name} is already ${release.phase}` };
  }
  if (service.candidate === null) {
    return { enabled: false, title: `${service.name} has no candidate version to release` };
  }
  return { enabled: true, title: `Release ${service.candidate} of ${service.name} (stable ${service.stable})` };
}

export function actionAvailability(service: ServiceView): ActionAvailability {
  if (service.drivenBy !== null) {
    return allRefused(`Read-only: ${service.drivenBy} drives ${service.name}'s release`);
  }
  const start = startAvailability(service);
  const release = service.release;
  if (release === null) {
    const result = allRefused(`No release of ${service.name} is running; start one first`);
    result.start = start;
    return result;
  }
  if (isTerminal(release.phase)) {
    const result = allRefused(`${service.name}'s release ${endedWords(release)}; start a new release`);
    if (release.phase === 'Promoted') {
      result.rollback.title = `${service.name}'s release ${endedWords(release)}; to go back to ${release.stable}, release it as a new candidate`;
    }
    result.start = start;
    return result;
  }

  const steps = release.plan.steps;
  const next = steps[release.stepIndex];
  const paused = release.phase === 'Paused';
  return {
    start,
    step:
      next === undefined
        ? { enabled: false, title: 'Every plan step is done; promote to finish' }
        : { enabled: true, title: withShortcut('step', `Do step ${release.stepIndex + 1} now: ${describeStep(next)}`) },
    pause: paused
      ? { enabled: false, title: `Already paused${release.reason ? `: ${release.reason}` : ''}` }
      : { enabled: true, title: withShortcut('pause', 'Hold the release at the current split') },
    resume: paused
      ? { enabled: true, title: withShortcut('resume', 'Continue the plan from the current step') }
      : { enabled: false, title: `Not paused: the release is ${release.phase}` },
    promote: {
      enabled: true,
      title: withShortcut('promote', `Send 100% to ${release.candidate} and finish the release`),
    },
    rollback: {
      enabled: true,
      title: withShortcut('rollback', `Send 100% back to ${release.stable} at once`),
    },
  };
}
