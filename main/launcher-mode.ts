// Electron window or browser tab: the launcher's decision, kept free of I/O so it can be tested.

export type ElectronProbe =
  | { status: 'ready'; path: string }
  | { status: 'missing-package' }
  | { status: 'download-failed'; detail: string }
  | { status: 'timeout'; seconds: number }
  | { status: 'not-found'; path: string };

export interface ModeInput {
  web: boolean;
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
}

export type ModeDecision = { mode: 'electron'; electronPath: string } | { mode: 'browser'; reason: string };

const INSTEAD = 'serving the control room in your browser instead.';

/** A decision that needs no Electron probe, or null when the probe decides. */
export function modeBeforeProbe(input: ModeInput): ModeDecision | null {
  if (input.web) return { mode: 'browser', reason: 'Browser mode: --web was given; serving the control room in your browser.' };
  const desktopless = input.platform !== 'darwin' && input.platform !== 'win32';
  if (desktopless && !input.env.DISPLAY && !input.env.WAYLAND_DISPLAY) {
    return { mode: 'browser', reason: `Browser mode: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set); ${INSTEAD}` };
  }
  return null;
}

export function modeFromProbe(probe: ElectronProbe): ModeDecision {
  switch (probe.status) {
    case 'ready':
      return { mode: 'electron', electronPath: probe.path };
    case 'missing-package':
      return { mode: 'browser', reason: `Browser mode: the electron package is not installed (npm install adds it); ${INSTEAD}` };
    case 'download-failed':
      return {
        mode: 'browser',
        reason: `Browser mode: the Electron runtime is not installed and could not be downloaded (${probe.detail}); ${INSTEAD}`,
      };
    case 'timeout':
      return {
        mode: 'browser',
        reason: `Browser mode: the Electron runtime is not installed and downloading it took longer than ${probe.seconds} s; ${INSTEAD}`,
      };
    case 'not-found':
      return { mode: 'browser', reason: `Browser mode: the Electron runtime is missing at ${probe.path}; ${INSTEAD}` };
  }
}

export async function decideMode(input: ModeInput, probe: () => Promise<ElectronProbe>): Promise<ModeDecision> {
  return modeBeforeProbe(input) ?? modeFromProbe(await probe());
}
