// Stops a driving host once its sandbox world was replaced in the same state dir (a new world, a new epoch), and says why.

import type { HostContext } from './host-context';

/** Checks the state dir's world every `intervalMs`; once it is another world's, lets go of every service for good. */
export function watchWorld(ctx: Pick<HostContext, 'store' | 'guard'>, onError: (error: unknown) => void, intervalMs = 1000): () => void {
  let told = false;
  let checking = false;
  const check = async () => {
    if (checking) return;
    checking = true;
    try {
      const now = await ctx.store.replacedBy();
      if (now === null || !ctx.store.world) return;
      // The poller takes no more driver locks; whatever it still holds (also one it just took) goes.
      await ctx.guard.stopDriving();
      if (!told) {
        told = true;
        const { describe, id } = ctx.store.world;
        onError(new Error(`this process belongs to ${describe(id)}, which was replaced by ${describe(now)} in its state dir: it stops driving and saves no release there; restart it`));
      }
    } finally {
      checking = false;
    }
  };
  const timer = setInterval(() => void check().catch(onError), intervalMs);
  return () => clearInterval(timer);
}
