// Every second, each target on its own: its discovered services, who drives what, then each service's split,
// instances and metrics → rules, views and charts. A target that does not answer delays only its own rows.

import { isTerminal, type TargetView, type VersionMetrics } from '../../app/model';
import type { TargetConfig } from '../../adapters/registry';
import { describeService, metricsKey, type ServiceEntry } from './adapters';
import { groupView } from './group-view';
import { seconds } from './deadlines';
import type { HostContext } from './host-context';
import { buildServiceView, seriesPointOf } from './service-view';
import { withInstances } from '../../app/rules/sample';
import { killSwitchVerdict } from '../../app/flags/kill-switch';
import { pollAtRuleDeadline } from './rule-deadline';
import { checkSplit } from './split-check';
import { verdictsFor } from './verdicts';
import { environmentBlockers } from './environment-gates';
import { syncDiscoveredServices } from './discovered-services';

/** How long stopping waits for a poll still waiting on a target that does not answer. */
export const STOP_WAIT_MS = 1000;

/** One poll of every target (at once, each on its own), then the journal. */
export async function pollOnce(ctx: HostContext): Promise<void> {
  await Promise.all(ctx.adapters.targets.map((target) => pollTarget(ctx, target)));
  await ctx.refreshJournal();
}

/**
 * One target: its discovered services (waiting up to discoveryWaitMs for a connection under way), drivers and
 * leases, every service's view, then the target's row.
 */
export async function pollTarget(ctx: HostContext, target: TargetConfig, discoveryWaitMs = 0): Promise<void> {
  const unanswered = new Set<string>();
  await syncDiscoveredServices(ctx, discoveryWaitMs, [target], unanswered);
  const entries = ctx.adapters.services.filter((entry) => entry.target.id === target.id);
  await updateDrivers(ctx, entries);
  const failures = new Map<string, string>();
  if (unanswered.has(target.id)) failures.set(target.id, `no answer within ${seconds(discoveryWaitMs)}`);
  await Promise.all(entries.map((entry) => pollService(ctx, entry, failures, true)));
  const platform = ctx.adapters.platform(target.id);
  ctx.state.setTarget(targetViewOf(platform.targetView(), failures.get(target.id)));
}

/**
 * The first poll, which start-up waits for: every target gets `waitMs` to answer. A target that has not answered by
 * then shows so (its row and its services' warnings) and its poll goes on in the background; returns those polls.
 */
export async function firstPoll(ctx: HostContext, waitMs: number): Promise<Map<string, Promise<void>>> {
  const late = new Map<string, Promise<void>>();
  await Promise.all(
    ctx.adapters.targets.map(async (target) => {
      let answered = false;
      const work = pollTarget(ctx, target, waitMs).finally(() => (answered = true));
      if ((await answersWithin(work, waitMs)) || answered) return;
      late.set(target.id, work.catch(() => undefined));
      showNoAnswer(ctx, target, `no answer within ${seconds(waitMs)}`);
    }),
  );
  await ctx.refreshJournal();
  return late;
}

/** Resolves true when `work` settles within `ms`, false when it is still running then. */
export async function answersWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const answered = work.then(
    () => true as const,
    () => true as const,
  );
  const result = await Promise.race([answered, late]);
  clearTimeout(timer);
  return result;
}

/** A target still being asked: its row says why, and its services that have no view yet show the same warning. */
function showNoAnswer(ctx: HostContext, target: TargetConfig, reason: string): void {
  const view = ctx.adapters.platform(target.id).targetView();
  ctx.state.setTarget({ ...view, state: view.state === 'unreachable' ? 'unreachable' : 'connecting', message: view.message ?? reason });
  for (const entry of ctx.adapters.services.filter((e) => e.target.id === target.id)) {
    if (ctx.state.view(entry.key)) continue;
    const id = entry.key;
    ctx.state.setView(
      buildServiceView({
        descriptor: describeService(entry, ctx.engine.peek(id)),
        where: entry,
        platform: entry.target.platform,
        observation: null,
        metrics: [],
        release: ctx.engine.active(id),
        drivenBy: ctx.guard.drivenBy(id),
        warning: `${view.name}: ${view.message ?? reason}`,
        actions: verdictsFor(ctx, id, []),
      }),
    );
  }
}

async function updateDrivers(ctx: HostContext, entries: ServiceEntry[]): Promise<void> {
  if (ctx.closing) return;
  const services = entries.map(({ key }) => {
    const release = ctx.engine.peek(key);
    return { id: key, running: release !== null && !isTerminal(release.phase) };
  });
  for (const id of await ctx.guard.update(services)) {
    if (ctx.closing) return;
    // The previous driver is gone: continue its release from the persisted state, timers included.
    const release = await ctx.store.load(id);
    if (release) ctx.engine.restore([release]);
  }
}

export async function pollService(
  ctx: HostContext,
  entry: ServiceEntry,
  failures: Map<string, string> = new Map(),
  withSeries = false,
): Promise<void> {
  const id = entry.key;
  // A release group: each member is polled on its own target, its rules fed with its own metrics.
  const members = ctx.adapters.members(id);
  const member = members.length > 1 ? entry.target.id : null;
  const descriptor = describeService(entry, ctx.engine.peek(id));
  const platform = ctx.adapters.platform(entry.target.id);
  let warning: string | null = null;
  let observation = null;
  try {
    observation = await platform.observe(id);
  } catch (error) {
    warning = messageOf(error);
    failures.set(entry.target.id, warning);
  }
  // The host is closing (this poll waited on a slow target): what it read is no longer acted on.
  if (ctx.closing) return;
  let metrics: Awaited<ReturnType<typeof ctx.adapters.metrics.sample>> = [];
  if (observation) {
    const versions = observation.versions.length > 0 ? observation.versions : descriptor.versions;
    try {
      metrics = await ctx.adapters.metrics.sample(metricsKey(entry), versions);
      const problem = ctx.adapters.metricsProblem();
      if (problem) warning = `metrics unavailable: ${problem}`;
    } catch (error) {
      warning = `metrics unavailable: ${messageOf(error)}`;
    }
    // While a command-line action runs on the service, its rules wait: that process is changing the release.
    if (!ctx.closing && (await ctx.guard.drivesNow(id))) {
      try {
        const cohorts = await cohortMetrics(ctx, id, metricsKey(entry), entry.config.flags?.map((f) => f.flag) ?? []);
        await ctx.engine.observe(id, withInstances(metrics, observation.instances), ctx.clock.now(), member, cohorts);
        pollAtRuleDeadline(ctx, id);
        // After its promotion the release soaks: a rule firing then is kept on it, and the next environment refuses the version.
        const promoted = ctx.engine.peek(id);
        const breach = promoted && ctx.environments.watchSoak(id, entry.environment, promoted, member, metrics, ctx.clock.now());
        if (promoted && breach) await ctx.engine.soakBreached(id, promoted.id, breach.firing, breach);
      } catch (error) {
        warning ??= `rules could not run: ${messageOf(error)}`;
      }
    }
    warning = (await checkSplit(ctx, id, platform, observation, member)) ?? warning;
    ctx.schema.observe(id, observation.split, metrics, descriptor.versions);
    // The error budget is measured by the one process that drives the service, once per poll tick (a group: on its first member).
    if (withSeries && ctx.guard.drives(id) && (!member || member === members[0]?.target.id)) await ctx.gates.observe(id, metrics).catch((error: unknown) => (warning ??= `error budget not recorded: ${messageOf(error)}`));
  }
  const flagsRead = entry.config.flags?.length ? await ctx.adapters.flags.read(entry.config) : [];
  const drivenBy = ctx.guard.drivenBy(id);
  const flags = flagsRead.map((f) => ({ ...f, killSwitch: killSwitchVerdict(f, descriptor.name, drivenBy) }));
  await ctx.schema.refresh(id);
  const storeProblem = ctx.store.problems().find((p) => p.file === ctx.store.fileOf(id));
  const release = ctx.engine.active(id);
  const descriptorNow = describeService(entry, release);
  const gateView = await ctx.gates.view(id, descriptorNow.candidate, release).catch(() => null);
  const gates = gateView && { ...gateView, blockers: [...gateView.blockers, ...(await environmentBlockers(ctx, id))] };
  const view = buildServiceView({
    descriptor: descriptorNow,
    where: entry,
    platform: entry.target.platform,
    observation,
    metrics,
    release,
    drivenBy: ctx.guard.drivenBy(id),
    warning: warning ?? (storeProblem ? `release file unreadable: ${storeProblem.message}` : null),
    rules: ctx.engine.ruleStatus(id),
    gates,
    actions: verdictsFor(ctx, id, gates?.blockers ?? []),
    trouble: ctx.engine.trouble(id),
    flags,
    schema: ctx.schema.view(id, release, descriptorNow.stable),
  });
  const shown = member ? groupView(ctx, members, view) : view;
  ctx.state.setView(shown);
  if (withSeries && (!member || member === members[0]?.target.id)) ctx.state.pushPoint(id, seriesPointOf(shown, ctx.clock.now()));
}

/** The cohorts (by cohortKey) of the service's flags and those its rules watch, when the metrics source measures cohorts. */
async function cohortMetrics(ctx: HostContext, serviceId: string, metricsId: string, named: string[]): Promise<Map<string, VersionMetrics> | undefined> {
  const source = ctx.adapters.metrics;
  const watched = ctx.engine.ruleStatus(serviceId).flatMap((status) => (status.rule.cohort ? [status.rule.cohort.flag] : []));
  const flags = [...new Set([...named, ...watched])];
  if (flags.length === 0 || !source.sampleCohorts) return undefined;
  const sampled = await Promise.all(flags.map((flag) => source.sampleCohorts!(metricsId, flag).catch(() => [])));
  return new Map(sampled.flat().map((metrics) => [metrics.version, metrics]));
}

function targetViewOf(view: TargetView, failure: string | undefined): TargetView {
  if (failure === undefined) return view;
  return { ...view, state: 'unreachable', message: view.state === 'unreachable' && view.message ? view.message : failure };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Polls every target every intervalMs (wall), each in its own loop, so a target that does not answer holds only its
 * own tick; the journal is read in a loop of its own. A loop never overlaps itself; an error never stops it.
 * Stopping waits for polls in flight, so nothing they do (e.g. renewing a Lease) lands after the host closed; a poll
 * still waiting on a target that does not answer after STOP_WAIT_MS stops short of acting (HostContext.closing).
 */
export function startPolling(
  ctx: HostContext,
  intervalMs: number,
  onError: (error: unknown) => void,
  /** First polls still under way (firstPoll): a target's loop starts once its own has answered. */
  late: Map<string, Promise<void>> = new Map(),
): () => Promise<void> {
  const loops = [
    ...ctx.adapters.targets.map((target) => every(intervalMs, () => pollTarget(ctx, target), onError, late.get(target.id))),
    every(intervalMs, () => ctx.refreshJournal(), onError),
    // Another process may stop or lift a line in an environment: every process reads the shared file.
    every(intervalMs, () => refreshEnvironments(ctx), onError),
  ];
  return async () => {
    await Promise.all(loops.map((stop) => stop()));
  };
}

function every(intervalMs: number, poll: () => Promise<void>, onError: (error: unknown) => void, after?: Promise<void>): () => Promise<void> {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: Promise<void> = after ?? Promise.resolve();
  const loop = async () => {
    if (stopped) return;
    const started = Date.now();
    try {
      await poll();
    } catch (error) {
      onError(error);
    }
    if (!stopped) timer = setTimeout(() => (inFlight = loop()), Math.max(0, intervalMs - (Date.now() - started)));
  };
  const first = () => (timer = setTimeout(() => (inFlight = loop()), intervalMs));
  if (after) void after.then(() => !stopped && first());
  else first();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await answersWithin(inFlight, STOP_WAIT_MS);
  };
}

/** Re-reads the stopped lines; a change shows at once in the environments and in the buttons of their services. */
export async function refreshEnvironments(ctx: HostContext): Promise<void> {
  const changed = await ctx.environments.refresh();
  ctx.state.setEnvironments(ctx.environments.views());
  if (!changed) return;
  for (const entry of ctx.adapters.services) {
    const view = ctx.state.view(entry.key);
    if (view) ctx.state.setView({ ...view, actions: verdictsFor(ctx, entry.key, view.gates?.blockers ?? []) });
  }
}
