// The one answer to "may this action run now, and if not, why": the engine, the host, the command line and the
// renderer (through the verdicts in the service view) all ask here.

import { z } from 'zod';
import { decideStart } from '../gates/start-gate';
import { isTerminal } from '../model';
import type { Plan } from '../plan';
import { describeStep, movesNoTraffic, planMirrors, validatePlan } from '../plans';
import type { ServiceDescriptor } from '../ports';
import { ACTIONS, type ActionName } from './actions';
import type { Release } from './model';
import { describeOwed } from './requests';
import { currentStep, goingOnPromotes, isManualGate, isWaiting, stepLabel } from './steps';
import { clockTime, endedPhrase } from './words';
import { contractGateRefusal, rollbackSafety } from './schema-refusal';
import type { SchemaFacts } from '../schema/gate';
import { unsafeToRun } from '../schema/safety';

/** What the answer depends on: the service, its release, its plan, and what this process may do. */
export interface ActionView {
  serviceId: string;
  /** The service as configured and moved on by its last release; null: no such service. */
  service: ServiceDescriptor | null;
  /** The service's running release, else its latest ended one. */
  release: Release | null;
  /** The plan a start would run, or why there is none (asked only for start). */
  plan: { plan: Plan | null; problem: string | null };
  /** The platform implements mirroring (a plan's mirror step needs it besides the service's routing). */
  platformMirrors: boolean;
  /** Why this process may not act on the service (another Switchyard drives it), or null. */
  readOnly: string | null;
  /** What a start needs an override for (unticked checklist items, a frozen error budget); empty: nothing. */
  startBlockers: readonly string[];
  /** Why the service's environment stopped the line (app/environments/freeze.ts), or null/absent: it runs. */
  frozen?: string | null;
  /** The service's migrations and the contract gate's readings; absent or null: it has no database. */
  schema?: SchemaFacts | null;
}

/** What the operator saw when asking: a release that moved on since (another step, another release) refuses it. */
export const actionExpectSchema = z
  .object({ releaseId: z.string().max(200).optional(), stepIndex: z.number().int().min(0).optional() })
  .strict();

/** What was asked, as the transports carry it. */
export interface ActionAsk {
  action: ActionName;
  confirmed?: boolean;
  override?: boolean;
  reason?: string | null;
  /** What the operator saw when they asked: a stale view is refused rather than acted on. */
  expect?: z.infer<typeof actionExpectSchema>;
}

/** The engine's word on one action, as the release view shows it on the action's button. */
export const actionVerdictSchema = z.object({
  allowed: z.boolean(),
  /** Allowed: what it will do. Refused: why not. */
  why: z.string(),
  /** The operator must confirm it first (it moves all traffic at once). */
  confirm: z.boolean(),
  /** Refused now, but allowed with an override and a reason (a start past unticked items or a frozen budget). */
  override: z.boolean(),
});
export type ActionVerdict = z.infer<typeof actionVerdictSchema>;

function nameOf(view: ActionView): string {
  return view.service?.name ?? view.serviceId;
}

function schemaAsk(view: ActionView) {
  return { name: nameOf(view), release: view.release, schema: view.schema };
}

/** Null when the action may run as asked; otherwise the reason it is refused. */
export function refusal(view: ActionView, ask: ActionAsk): string | null {
  return unconfirmed(ask) ?? legality(view, ask.action) ?? staleness(view, ask) ?? confirmation(view, ask) ?? startGate(view, ask) ?? contractGateRefusal(schemaAsk(view), ask);
}

/** Promote and rollback move all traffic at once: unconfirmed, they are refused whatever the release's state. */
function unconfirmed(ask: ActionAsk): string | null {
  const entry = ACTIONS[ask.action];
  return entry.confirm === 'always' && ask.confirmed !== true ? `${entry.label} needs confirmation` : null;
}

/** The verdict the release view shows on each button: refused with why, or allowed with what it does. */
export function verdict(view: ActionView, action: ActionName): ActionVerdict {
  const confirm = needsConfirmation(view, action);
  const why = legality(view, action);
  if (why) return { allowed: false, why, confirm, override: false };
  const blocked = startGate(view, { action, override: false }) ?? contractGateRefusal(schemaAsk(view), { action, override: false });
  if (blocked) return { allowed: false, why: blocked, confirm, override: true };
  return { allowed: true, why: describeAction(view, action), confirm, override: false };
}

/** Whether the operator must confirm the action now: promote and rollback always, a Step that takes the release to 100 % too. */
export function needsConfirmation(view: ActionView, action: ActionName): boolean {
  const rule = ACTIONS[action].confirm;
  if (rule !== 'when-it-promotes') return rule === 'always';
  const release = view.release;
  if (!release || isTerminal(release.phase)) return false;
  return (action === 'step' || resumeRunsOn(release)) && goingOnPromotes(release);
}

/** Resume goes on at once (rather than finishing a timed step's remaining time) past a gate or a step with no time left. */
function resumeRunsOn(release: Release): boolean {
  const step = currentStep(release);
  if (step === null || !isWaiting(step)) return true;
  return isManualGate(step) || release.paused?.remainingMs === 0;
}

/** While the line is stopped nothing moves forward; Pause and Rollback stay open. */
const STOPPED_BY_FREEZE: readonly ActionName[] = ['start', 'step', 'resume', 'promote'];

function legality(view: ActionView, action: ActionName): string | null {
  if (view.readOnly) return view.readOnly;
  if (view.frozen && STOPPED_BY_FREEZE.includes(action)) return view.frozen;
  if (action === 'start') return startLegality(view);
  const name = nameOf(view);
  const release = view.release;
  if (!release) return `${name} has no release to ${ACTIONS[action].verb}; start one first`;
  if (isTerminal(release.phase)) {
    const when = release.endedAt === null ? '' : ` at ${clockTime(release.endedAt)}`;
    if (action === 'rollback' && release.phase === 'Promoted') {
      const unsafe = view.schema ? unsafeToRun(view.schema.migrations, release.stable) : null;
      if (unsafe) return `${name}'s release ${endedPhrase(release)}${when}; going back to ${release.stable} is ${unsafe}`;
      return `${name}'s release ${endedPhrase(release)}${when}; to go back to ${release.stable}, release it as a new candidate`;
    }
    return `${name}'s release ${endedPhrase(release)}${when}; start a new release instead of ${ACTIONS[action].gerund}`;
  }
  const owed = owedConflict(name, release, action);
  if (owed) return owed;
  switch (action) {
    case 'step':
      return release.stepIndex >= release.plan.steps.length
        ? `${name}'s release has no next step: all ${release.plan.steps.length} steps are done; Promote finishes it`
        : null;
    case 'pause':
      return release.phase === 'Paused' ? `${name}'s release is already paused ${pausedPhrase(release)}` : null;
    case 'resume':
      return release.phase === 'Paused' ? null : `${name}'s release is not paused; it is progressing at ${stepLabel(release)}`;
    case 'promote':
      return null;
    case 'rollback':
      return rollbackSafety(schemaAsk(view), release);
  }
}

/** An owed rollback is only ever retried or finished; an owed promote gives way to Pause and Rollback. */
function owedConflict(name: string, release: Release, action: Exclude<ActionName, 'start'>): string | null {
  const request = release.request;
  if (!request) return null;
  const owed = describeOwed(release) ?? '';
  if (request.action === 'rollback' && action !== 'rollback') {
    return `${name}'s ${owed}; it goes on until all traffic is back on ${release.stable} (Rollback retries it now)`;
  }
  if (request.action === 'promote' && (action === 'step' || action === 'resume')) {
    return `${name}'s ${owed}; Promote retries it now, Pause or Rollback replaces it`;
  }
  return null;
}

function startLegality(view: ActionView): string | null {
  const service = view.service;
  if (!service) return `there is no service '${view.serviceId}' in this workspace`;
  const name = service.name;
  const existing = view.release;
  if (existing && !isTerminal(existing.phase)) {
    return `${name} already has a release of ${existing.candidate} in progress, ${existing.phase.toLowerCase()} at ${stepLabel(existing)}; promote or roll it back first`;
  }
  const { plan, problem } = view.plan;
  // A flag-only plan releases the stable version's dark path: it needs no candidate.
  const flagOnly = plan !== null && movesNoTraffic(plan);
  if (!flagOnly && !service.candidate) return `${name} has no candidate version to release; set one in the workspace`;
  if (!flagOnly && service.candidate === service.stable) return `${name}'s candidate ${service.candidate} is already its stable version`;
  const released = flagOnly ? service.stable : (service.candidate ?? service.stable);
  const unsafe = view.schema ? unsafeToRun(view.schema.migrations, released) : null;
  if (unsafe) return `${name} cannot start ${released}: ${unsafe}`;
  if (problem) return `${name} has no usable plan: ${problem}`;
  if (!plan) return `${name} has no plan`;
  if (plan.strategy !== service.strategy) return `${name}'s plan is for ${plan.strategy} but the service is released by ${service.strategy}`;
  const problems = validatePlan(plan);
  if (problems.length > 0) return `${name}'s plan cannot run: ${problems.join('; ')}`;
  if (planMirrors(plan) && !(service.canMirror && view.platformMirrors)) {
    const why = service.canMirror ? null : service.cannotMirror;
    return `${name}'s plan cannot run: ${why ?? `target ${service.targetId} cannot mirror traffic`}; remove the mirror step`;
  }
  return null;
}

/**
 * Every action names what the operator saw: one on another release, or one that takes the release further after it
 * moved on since, would do what nobody asked. A Pause or Rollback asked at step 6 still holds or undoes at step 8.
 */
function staleness(view: ActionView, ask: ActionAsk): string | null {
  const expect = ask.expect;
  const release = view.release;
  if (!expect || !release || ask.action === 'start') return null;
  const name = nameOf(view);
  if (expect.releaseId !== undefined && expect.releaseId !== release.id) {
    return `${name}'s release is not the one you saw (now ${release.id}, ${release.phase}); look again before you ${ACTIONS[ask.action].verb}`;
  }
  if (expect.stepIndex !== undefined && expect.stepIndex !== release.stepIndex && ACTIONS[ask.action].forward) {
    const now = release.stepIndex >= release.plan.steps.length ? 'the end of its plan' : `step ${release.stepIndex + 1}`;
    return `${name}'s release is already at ${now} (you saw step ${expect.stepIndex + 1}); look again before you ${ACTIONS[ask.action].verb}`;
  }
  return null;
}

/** A Step (or Resume) that would take the release to 100 % is a Promote, and needs its confirmation. */
function confirmation(view: ActionView, ask: ActionAsk): string | null {
  const entry = ACTIONS[ask.action];
  if (ask.confirmed === true || entry.confirm !== 'when-it-promotes' || !needsConfirmation(view, ask.action)) return null;
  const release = view.release!;
  return `${entry.label} needs confirmation: it takes ${nameOf(view)}'s release on to 100 % on ${release.candidate}, like Promote`;
}

function startGate(view: ActionView, ask: Pick<ActionAsk, 'action' | 'override' | 'reason'>): string | null {
  if (ask.action !== 'start') return null;
  const decision = decideStart(nameOf(view), view.startBlockers, ask.override === true, ask.reason?.trim() || null);
  return decision.allowed ? null : decision.message;
}

function pausedPhrase(release: Release): string {
  const paused = release.paused;
  if (!paused) return `at ${stepLabel(release)}`;
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

/** What an allowed action will do, for the button's title. */
function describeAction(view: ActionView, action: ActionName): string {
  const name = nameOf(view);
  const release = view.release;
  const service = view.service;
  switch (action) {
    case 'start':
      return `Release ${service?.candidate ?? 'the candidate'} of ${name} (stable ${service?.stable ?? '?'})`;
    case 'step': {
      const next = release ? currentStep(release) : null;
      const promotes = needsConfirmation(view, 'step') ? `; this takes ${release?.candidate} to 100 %` : '';
      return next ? `Do step ${release!.stepIndex + 1} now: ${describeStep(next)}${promotes}` : 'Go on';
    }
    case 'pause':
      return 'Hold the release at the current split';
    case 'resume':
      return 'Continue the plan from the current step';
    case 'promote':
      return release?.request?.action === 'promote'
        ? `Retry the owed promote now: 100% to ${release.candidate}`
        : `Send 100% to ${release?.candidate ?? 'the candidate'} and finish the release`;
    case 'rollback':
      return release?.request?.action === 'rollback'
        ? `Retry the owed rollback now: 100% back to ${release.stable}`
        : `Send 100% back to ${release?.stable ?? 'the stable version'} at once`;
  }
}
