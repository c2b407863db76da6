// Taking up a release this process now drives (start-up, takeover, another process's change): an action whose
// process died is recorded as interrupted, with the split read back, and the machine decides how to go on.

import { isTerminal } from '../model';
import type { JournalEvent, Release } from '../release';
import type { Interrupted } from '../release/events';
import type { EngineCore } from './core';
import { journalEvent } from './journal-txn';
import { runOnItsOwn } from './runner';
import { readSplit } from './traffic';

const CLOSING = new Set<JournalEvent['stage']>(['done', 'failed', 'interrupted']);
/** How far back in the service's journal an unclosed intent is looked for. */
const LOOKBACK = 200;

export async function takeUp(core: EngineCore, release: Release): Promise<void> {
  const serviceId = release.serviceId;
  if (!core.deps.drives(serviceId) || isTerminal(release.phase)) return;
  if (await core.deps.actingElsewhere?.(serviceId)) return;
  const latest = core.get(release.id);
  if (!latest || latest.revision !== release.revision) return;
  const interrupted = await recordInterruption(core, latest);
  await runOnItsOwn(core, core.get(release.id) ?? latest, { type: 'restored', interrupted });
}

/** The release's last intent that never got its done or failed: its process died part-way. */
async function unclosedIntent(core: EngineCore, release: Release): Promise<JournalEvent | null> {
  let events: JournalEvent[];
  try {
    events = await core.deps.journal.read({ serviceId: release.serviceId, limit: LOOKBACK });
  } catch (error) {
    core.report(error, `${release.serviceId}: reading the journal to find interrupted actions`);
    return null;
  }
  // Newest first: the first opening or closing event of this release decides.
  for (const event of events) {
    if (event.releaseId !== release.id) continue;
    if (CLOSING.has(event.stage)) return null;
    if (event.stage === 'intent') return event;
  }
  return null;
}

async function recordInterruption(core: EngineCore, release: Release): Promise<Interrupted | null> {
  const intent = await unclosedIntent(core, release);
  if (!intent) return null;
  const split = await readSplit(core.platformFor(release.serviceId), release.serviceId);
  const reads = split ? split.map((entry) => `${entry.version} ${entry.percent}%`).join(', ') : 'unreadable';
  const message = `${intent.action} by ${intent.actor} was interrupted: the process carrying it out stopped before it finished; the split reads ${reads}`;
  await core.deps.journal.append(
    journalEvent(
      core.deps.clock,
      { actor: intent.actor, serviceId: release.serviceId, releaseId: release.id, action: intent.action, reason: intent.reason, firing: intent.firing },
      { stage: 'interrupted', step: release.stepIndex, message, splitBefore: intent.splitBefore, splitAfter: split },
    ),
  );
  return { action: intent.action, actor: intent.actor, reason: intent.reason, firing: intent.firing };
}
