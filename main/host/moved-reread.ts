// A release that moved by itself (a timer, a rule, an owed retry) has its data plane read again at once, so a view
// never shows RolledBack or the next step beside the split read before the move.

import type { Release } from '../../app/release';

/** Whether `after` is a move of the release: a new release, another phase or another step. */
export function movedOn(before: Readonly<Release> | null, after: Readonly<Release>): boolean {
  return !before || before.id !== after.id || before.phase !== after.phase || before.stepIndex !== after.stepIndex;
}

/** One read per service at a time; a move seen while it runs gets one more read after it. */
export function rereadOnMove(read: (serviceId: string) => Promise<void>, onError: (error: unknown) => void, closing: () => boolean) {
  const running = new Set<string>();
  const again = new Set<string>();
  const run = (serviceId: string): void => {
    running.add(serviceId);
    setImmediate(() => {
      const done = closing() ? Promise.resolve() : read(serviceId).catch(onError);
      void done.finally(() => {
        running.delete(serviceId);
        if (again.delete(serviceId) && !closing()) run(serviceId);
      });
    });
  };
  return (before: Readonly<Release> | null, after: Readonly<Release>): void => {
    if (!movedOn(before, after) || closing()) return;
    if (running.has(after.serviceId)) again.add(after.serviceId);
    else run(after.serviceId);
  };
}
