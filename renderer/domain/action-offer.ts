// What the release view offers for each action: the engine's verdict from the service view, in the catalogue's words.

import type { ActionName, ActionRequest, ServiceView } from '../../app/api';
import { isTerminal } from '../../app/model';
import { ACTIONS, RELEASE_ACTIONS } from '../../app/release/actions';

/** An action on a running release: the buttons of the action bar, the shortcuts and the confirmation dialog. */
export type ReleaseAction = (typeof RELEASE_ACTIONS)[number];

export interface Offer {
  action: ActionName;
  /** The button's accessible name: "Rollback". */
  label: string;
  /** The engine would accept it now (after the confirmation dialog where it asks for one). */
  enabled: boolean;
  /** Enabled: what it does, and its shortcut. Disabled: why not, in the engine's words. */
  title: string;
  shortcut: string | null;
  /** Pressing it opens the confirmation dialog; only the dialog sends it, confirmed. */
  confirm: boolean;
}

export function offer(service: ServiceView, action: ActionName): Offer {
  const entry = ACTIONS[action];
  const verdict = service.actions[action];
  const title = verdict.allowed && entry.shortcut !== null ? `${verdict.why} (${entry.shortcut})` : verdict.why;
  return { action, label: entry.label, enabled: verdict.allowed, title, shortcut: entry.shortcut, confirm: verdict.confirm };
}

/** The action bar's buttons for a running release, in the catalogue's order. */
export function releaseOffers(service: ServiceView): Offer[] {
  return RELEASE_ACTIONS.map((action) => offer(service, action));
}

/**
 * Start release is offered while no release runs. A start the engine allows only with an override and a reason stays
 * disabled here (its title says why); the override panel offers it instead.
 */
export function startOffer(service: ServiceView): Offer | null {
  const release = service.release;
  return release !== null && !isTerminal(release.phase) ? null : offer(service, 'start');
}

/** The engine refuses a plain start but takes one with an override and a reason (unticked checklist, frozen budget). */
export function startOverrideOffered(service: ServiceView): boolean {
  return startOffer(service) !== null && service.actions.start.override;
}

/** What the operator saw: the release on screen and its step; a release that moved on since refuses the action. */
export function expectOf(service: ServiceView, action: ActionName): ActionRequest['expect'] {
  const release = service.release;
  if (action === 'start' || release === null) return undefined;
  return { releaseId: release.id, stepIndex: release.stepIndex };
}

export interface Confirmation {
  heading: string;
  /** What confirming does to the traffic, in a sentence. */
  effect: string;
  /** The confirm button: "Confirm rollback". */
  button: string;
}

/** The confirmation dialog's words: Promote and Rollback move all traffic; a Step (or Resume) that reaches 100 % promotes. */
export function confirmation(service: ServiceView, action: ReleaseAction): Confirmation {
  const entry = ACTIONS[action];
  const release = service.release;
  const candidate = release?.candidate ?? service.candidate ?? 'the candidate';
  const heading = `${entry.label} ${service.name}?`;
  const button = `Confirm ${entry.label.toLowerCase()}`;
  switch (action) {
    case 'promote':
      return { heading, button, effect: `Sends 100% of ${service.name}'s traffic to ${candidate} and ends the release.` };
    case 'rollback':
      return { heading, button, effect: `Sends 100% of ${service.name}'s traffic back to ${release?.stable ?? service.stable} at once and ends the release.` };
    default:
      return { heading, button, effect: `${entry.label} promotes ${service.name}: it runs the release on to 100 % on ${candidate}.` };
  }
}

/** What pressing a button (or its shortcut) does: say why it is refused, open the confirmation dialog, or send it. */
export type Press =
  | { kind: 'refused'; text: string }
  | { kind: 'confirm'; action: ReleaseAction; expect: ActionRequest['expect'] }
  | { kind: 'send'; expect: ActionRequest['expect'] };

export function press(service: ServiceView, action: ActionName): Press {
  const offered = offer(service, action);
  if (!offered.enabled) return { kind: 'refused', text: `${offered.label} is not available: ${offered.title}` };
  const expect = expectOf(service, action);
  return offered.confirm && action !== 'start' ? { kind: 'confirm', action, expect } : { kind: 'send', expect };
}
