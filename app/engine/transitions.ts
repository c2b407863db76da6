// Which operator actions are legal in which phase, and the refusal that says why not.

import type { ActionName } from '../api';
import { isTerminal } from '../model';
import type { Plan } from '../plan';
import { planMirrors, validatePlan } from '../plans';
import type { ServiceDescriptor } from '../ports';
import type { Release } from '../release';
import { clockTime, endedPhrase } from './format';
import { stepLabel } from './steps';

const GERUND: Record<ActionName, string> = {
  start: 'starting',
  step: 'stepping',
  pause: 'pausing',
  resume: 'resuming',
  promote: 'promoting',
  rollback: 'rolling back',
};

function pausedPhrase(release: Release): string {
  const paused = release.paused;
  if (!paused) return '';
  const since = clockTime(paused.at);
  switch (paused.by) {
    case 'plan':
      return `at ${stepLabel(release)}, waiting for an operator; Step or Resume goes on`;
    case 'operator':
      return `since ${since}${release.reason ? ` (${release.reason})` : ''}; Resume goes on`;
    case 'rule':
      return `by a rule since ${since}${release.reason ? ` (${release.reason})` : ''}; Resume goes on`;
  }
}

export function startRefusal(
  serviceId: string,
  service: ServiceDescriptor | null,
  existing: Release | null,
  plan: Plan | null,
): string | null {
  if (!service) return `there is no service '${serviceId}' in this workspace`;
  const name = service.name;
  if (existing && !isTerminal(existing.phase)) {
    return `${name} already has a release of ${existing.candidate} in progress, ${existing.phase.toLowerCase()} at ${stepLabel(existing)}; promote or roll it back first`;
  }
  if (!service.candidate) return `${name} has no candidate version to release; set one in the workspace`;
  if (service.candidate === service.stable) return `${name}'s candidate ${service.candidate} is already its stable version`;
  if (!plan) return `${name} has no plan`;
  if (plan.strategy !== service.strategy) {
    return `${name}'s plan is for ${plan.strategy} but the service is released by ${service.strategy}`;
  }
  const problems = validatePlan(plan);
  if (problems.length > 0) return `${name}'s plan cannot run: ${problems.join('; ')}`;
  if (planMirrors(plan) && !service.canMirror) {
    return `${name}'s plan cannot run: ${service.cannotMirror ?? `target ${service.targetId} cannot mirror traffic`}; remove the mirror step`;
  }
  return null;
}

/** Null when the action is legal on this release; otherwise the reason it is refused. */
export function actionRefusal(action: Exclude<ActionName, 'start'>, name: string, release: Release | null): string | null {
  if (!release) return `${name} has no release to ${action === 'rollback' ? 'roll back' : action}; start one first`;
  if (isTerminal(release.phase)) {
    const when = release.endedAt === null ? '' : ` at ${clockTime(release.endedAt)}`;
    if (action === 'rollback' && release.phase === 'Promoted') {
      return `${name}'s release ${endedPhrase(release)}${when}; to go back to ${release.stable}, release it as a new candidate`;
    }
    return `${name}'s release ${endedPhrase(release)}${when}; start a new release instead of ${GERUND[action]}`;
  }
  switch (action) {
    case 'step':
      return release.stepIndex >= release.plan.steps.length
        ? `${name}'s release has no next step: all ${release.plan.steps.length} steps are done`
        : null;
    case 'pause':
      return release.phase === 'Paused' ? `${name}'s release is already paused ${pausedPhrase(release)}` : null;
    case 'resume':
      return release.phase === 'Paused' ? null : `${name}'s release is not paused; it is progressing at ${stepLabel(release)}`;
    case 'promote':
    case 'rollback':
      return null;
  }
}
