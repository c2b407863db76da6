// The action catalogue: every word an operator action goes by, in the UI, the journal, messages and the command line.

/** Every action an operator can ask of a release, in the order the UI offers them. */
export const ACTION_NAMES = ['start', 'step', 'pause', 'resume', 'promote', 'rollback'] as const;
export type ActionName = (typeof ACTION_NAMES)[number];

export interface ActionEntry {
  action: ActionName;
  /** The button: "Rollback". */
  label: string;
  /** "roll back", as in "has no release to roll back". */
  verb: string;
  /** "rolling back", as in "start a new release instead of rolling back". */
  gerund: string;
  /** "rolled back", as in "checkout: rolled back; …". */
  past: string;
  /** Keyboard shortcut of the release view, as aria-keyshortcuts writes it. */
  shortcut: string | null;
  /** always: it moves all traffic at once; when-it-promotes: only when it would take the release to 100 %. */
  confirm: 'always' | 'never' | 'when-it-promotes';
  /**
   * It takes the release further: refused when the release moved on since the operator looked. Pause and Rollback hold
   * or undo, so a step that ran meanwhile never loses them (the release must still be the one the operator saw).
   */
  forward: boolean;
  /** One line for `switchyard <command> --help` and the command list. */
  summary: string;
}

export const ACTIONS: Readonly<Record<ActionName, ActionEntry>> = {
  start: {
    action: 'start',
    label: 'Start release',
    verb: 'start',
    gerund: 'starting',
    past: 'started',
    shortcut: null,
    confirm: 'never',
    forward: true,
    summary: "start a release of the service's candidate version",
  },
  step: {
    action: 'step',
    label: 'Step',
    verb: 'step',
    gerund: 'stepping',
    past: 'stepped on',
    shortcut: 's',
    confirm: 'when-it-promotes',
    forward: true,
    summary: 'advance the release to its next step now',
  },
  pause: {
    action: 'pause',
    label: 'Pause',
    verb: 'pause',
    gerund: 'pausing',
    past: 'paused',
    shortcut: 'p',
    confirm: 'never',
    forward: false,
    summary: 'pause the release',
  },
  resume: {
    action: 'resume',
    label: 'Resume',
    verb: 'resume',
    gerund: 'resuming',
    past: 'resumed',
    shortcut: 'r',
    confirm: 'when-it-promotes',
    forward: true,
    summary: 'resume a paused release',
  },
  promote: {
    action: 'promote',
    label: 'Promote',
    verb: 'promote',
    gerund: 'promoting',
    past: 'promoted',
    shortcut: 'Shift+P',
    confirm: 'always',
    forward: true,
    summary: 'send all traffic to the candidate and finish the release',
  },
  rollback: {
    action: 'rollback',
    label: 'Rollback',
    verb: 'roll back',
    gerund: 'rolling back',
    past: 'rolled back',
    shortcut: 'Shift+R',
    confirm: 'always',
    forward: false,
    summary: 'send all traffic back to the stable version at once',
  },
};

/**
 * The kill switch: an action on one of the service's feature flags, not on its release (it runs with no release too),
 * so it is not among ACTION_NAMES; always confirmed. Its request and refusal: app/flags/kill-switch.ts.
 */
export const KILL_SWITCH = {
  action: 'kill-switch',
  label: 'Kill switch',
  verb: 'turn off',
  gerund: 'turning off',
  past: 'turned off',
  shortcut: null,
  confirm: 'always',
  summary: "turn one of the service's feature flags off in its environment (a running release pauses)",
} as const;

/** The actions on a running release, in the order the release view shows their buttons. */
export const RELEASE_ACTIONS: readonly Exclude<ActionName, 'start'>[] = ['step', 'pause', 'resume', 'promote', 'rollback'];
