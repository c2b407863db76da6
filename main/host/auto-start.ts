// Sandbox scenarios start some releases on their own, afterMs of world time after the world began.

import type { Workspace } from '../../app/workspace';
import type { Clock, TimerHandle } from '../../app/ports';

export const SCENARIO_ACTOR = 'sandbox-scenario';

export interface AutoStartDeps {
  clock: Clock;
  /** Wall ms at which the world began (world time equals it at that instant). */
  epochMs: number;
  drives(serviceId: string): boolean;
  hasRelease(serviceId: string): boolean;
  start(serviceId: string, reason: string): Promise<void>;
}

export interface AutoStarter {
  /** Starts what is due and driven here; the poll loop calls it so a process that starts driving later catches up. */
  runDue(): Promise<void>;
  dispose(): void;
}

export function scheduleAutoStart(sandbox: NonNullable<Workspace['sandbox']>, deps: AutoStartDeps): AutoStarter {
  const pending = new Map(sandbox.autoStart.map((entry) => [entry.serviceId, entry.afterMs]));
  const timers: TimerHandle[] = [];
  let running: Promise<void> | null = null;

  const runDue = async (): Promise<void> => {
    const elapsed = deps.clock.now() - deps.epochMs;
    for (const [serviceId, afterMs] of [...pending]) {
      if (afterMs > elapsed || !deps.drives(serviceId)) continue;
      pending.delete(serviceId);
      if (deps.hasRelease(serviceId)) continue;
      await deps.start(serviceId, `scenario "${sandbox.scenario}" starts this release`);
    }
  };
  const runExclusive = (): Promise<void> => {
    running ??= runDue().finally(() => {
      running = null;
    });
    return running;
  };

  const elapsed = deps.clock.now() - deps.epochMs;
  for (const afterMs of new Set(pending.values())) {
    timers.push(deps.clock.setTimeout(() => void runExclusive().catch(() => undefined), Math.max(0, afterMs - elapsed)));
  }
  return {
    runDue: runExclusive,
    dispose() {
      for (const t of timers) deps.clock.clearTimeout(t);
      pending.clear();
    },
  };
}
