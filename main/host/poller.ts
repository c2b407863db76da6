// Every second: who drives what, then each service's split, instances and metrics → rules, views and charts.

import { isTerminal, type TargetView } from '../../app/model';
import { describeService, type ServiceEntry } from './adapters';
import type { HostContext } from './host-context';
import { buildServiceView, seriesPointOf } from './service-view';
import { withInstances } from '../../app/rules/sample';
import { pollAtRuleDeadline } from './rule-deadline';
import { checkSplit } from './split-check';
import { verdictsFor } from './verdicts';
import { syncDiscoveredServices } from './discovered-services';

export async function pollOnce(ctx: HostContext): Promise<void> {
  await syncDiscoveredServices(ctx);
  await updateDrivers(ctx);
  const failures = new Map<string, string>();
  await Promise.all(ctx.adapters.services.map((entry) => pollService(ctx, entry, failures, true)));
  for (const platform of ctx.adapters.platforms()) ctx.state.setTarget(targetViewOf(platform.targetView(), failures.get(platform.targetId)));
  await ctx.refreshJournal();
}

async function updateDrivers(ctx: HostContext): Promise<void> {
  const services = ctx.adapters.services.map(({ config }) => {
    const release = ctx.engine.active(config.id);
    return { id: config.id, running: release !== null && !isTerminal(release.phase) };
  });
  for (const id of await ctx.guard.update(services)) {
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
  const id = entry.config.id;
  const descriptor = describeService(entry, ctx.engine.active(id));
  const platform = ctx.adapters.platform(entry.target.id);
  let warning: string | null = null;
  let observation = null;
  try {
    observation = await platform.observe(id);
  } catch (error) {
    warning = messageOf(error);
    failures.set(entry.target.id, warning);
  }
  let metrics: Awaited<ReturnType<typeof ctx.adapters.metrics.sample>> = [];
  if (observation) {
    const versions = observation.versions.length > 0 ? observation.versions : descriptor.versions;
    try {
      metrics = await ctx.adapters.metrics.sample(id, versions);
      const problem = ctx.adapters.metricsProblem();
      if (problem) warning = `metrics unavailable: ${problem}`;
    } catch (error) {
      warning = `metrics unavailable: ${messageOf(error)}`;
    }
    // While a command-line action runs on the service, its rules wait: that process is changing the release.
    if (await ctx.guard.drivesNow(id)) {
      try {
        await ctx.engine.observe(id, withInstances(metrics, observation.instances), ctx.clock.now());
        pollAtRuleDeadline(ctx, id);
      } catch (error) {
        warning ??= `rules could not run: ${messageOf(error)}`;
      }
    }
    warning = (await checkSplit(ctx, id, platform, observation)) ?? warning;
    // The error budget is measured by the one process that drives the service, once per poll tick.
    if (withSeries && ctx.guard.drives(id)) await ctx.gates.observe(id, metrics).catch((error: unknown) => (warning ??= `error budget not recorded: ${messageOf(error)}`));
  }
  const storeProblem = ctx.store.problems().find((p) => p.file === ctx.store.fileOf(id));
  const release = ctx.engine.active(id);
  const descriptorNow = describeService(entry, release);
  const gates = await ctx.gates.view(id, descriptorNow.candidate, release).catch(() => null);
  const view = buildServiceView({
    descriptor: descriptorNow,
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
  });
  ctx.state.setView(view);
  if (withSeries) ctx.state.pushPoint(id, seriesPointOf(view, ctx.clock.now()));
}

function targetViewOf(view: TargetView, failure: string | undefined): TargetView {
  if (failure === undefined) return view;
  return { ...view, state: 'unreachable', message: view.state === 'unreachable' && view.message ? view.message : failure };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs pollOnce every intervalMs (wall), never overlapping itself, never letting an error stop it.
 * Stopping waits for a poll in flight, so nothing it does (e.g. renewing a Lease) lands after the host closed.
 */
export function startPolling(ctx: HostContext, intervalMs: number, onError: (error: unknown) => void): () => Promise<void> {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: Promise<void> = Promise.resolve();
  const loop = async () => {
    if (stopped) return;
    const started = Date.now();
    try {
      await pollOnce(ctx);
    } catch (error) {
      onError(error);
    }
    if (!stopped) timer = setTimeout(() => (inFlight = loop()), Math.max(0, intervalMs - (Date.now() - started)));
  };
  timer = setTimeout(() => (inFlight = loop()), intervalMs);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await inFlight;
  };
}
