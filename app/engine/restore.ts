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
  await writeInterrupted(core, intent, release.stepIndex, '');
  return { action: intent.action, actor: intent.actor, reason: intent.reason, firing: intent.firing };
}

async function writeInterrupted(core: EngineCore, intent: JournalEvent, step: number | null, what: string): Promise<void> {
  const serviceId = intent.serviceId;
  const split = await readSplit(core.platformFor(serviceId), serviceId);
  const reads = split ? split.map((entry) => `${entry.version} ${entry.percent}%`).join(', ') : 'unreadable';
  const message = `${intent.action} by ${intent.actor} was interrupted: the process carrying it out stopped before it finished${what}; the split reads ${reads}`;
  const event = journalEvent(
    core.deps.clock,
    { actor: intent.actor, serviceId, releaseId: intent.releaseId, action: intent.action, reason: intent.reason, firing: intent.firing },
    { stage: 'interrupted', step, message, splitBefore: intent.splitBefore, splitAfter: split },
  );
  // A release group's intent named each member's split before: each member's is read back now.
  if (intent.members) {
    const after = await Promise.all(intent.members.map((m) => readSplit(core.memberPlatformFor(serviceId, m.targetId), serviceId)));
    event.members = intent.members.map((m, i) => ({ targetId: m.targetId, splitBefore: m.splitBefore, splitAfter: after[i] ?? null }));
  }
  await core.deps.journal.append(event);
}

/** How far back in the whole journal stranded intents are looked for when this process takes services up. */
const STRANDED_LOOKBACK = 1000;

/**
 * Services whose journal has an intent no release can take up: the process died after the release's last commit
 * (it had ended) or before its first one (a start that saved nothing).
 */
export async function servicesWithStrandedIntents(core: EngineCore): Promise<string[]> {
  let events: JournalEvent[];
  try {
    events = await core.deps.journal.read({ limit: STRANDED_LOOKBACK });
  } catch (error) {
    core.report(error, 'reading the journal to find interrupted actions');
    return [];
  }
  const services = new Set<string>();
  for (const intent of openIntents(events)) {
    const release = intent.releaseId ? core.get(intent.releaseId) : null;
    if (!release || isTerminal(release.phase)) services.add(intent.serviceId);
  }
  return [...services];
}

/** Records those stranded intents as interrupted (nothing is left to carry on: the release ended, or never was). */
export async function closeStranded(core: EngineCore, serviceId: string): Promise<void> {
  if (!core.deps.drives(serviceId)) return;
  if (await core.deps.actingElsewhere?.(serviceId)) return;
  const events = await core.deps.journal.read({ serviceId, limit: LOOKBACK });
  for (const intent of openIntents(events)) {
    const release = intent.releaseId ? core.get(intent.releaseId) : null;
    if (release && !isTerminal(release.phase)) continue;
    const what = release ? `, after its release had ended (${release.phase})` : ', before its release was saved';
    await writeInterrupted(core, intent, release?.stepIndex ?? intent.step, what);
  }
}

/** Per release, newest first: an intent whose release has no later closing event. */
function openIntents(events: JournalEvent[]): JournalEvent[] {
  const decided = new Set<string>();
  const open: JournalEvent[] = [];
  for (const event of events) {
    if (!event.releaseId || decided.has(event.releaseId)) continue;
    if (CLOSING.has(event.stage)) decided.add(event.releaseId);
    else if (event.stage === 'intent') {
      decided.add(event.releaseId);
      open.push(event);
    }
  }
  return open;
}
