// The host every transport shares: workspace → adapters → engine, persisted state, polling and the API.

import { join } from 'node:path';
import type { ControlRoomApi, WorldInfo } from '../../app/api';
import { ReleaseEngine } from '../../app/engine/engine';
import { defaultPlan } from '../../app/plans';
import { DEFAULT_RULES } from '../../app/rule';
import type { Release } from '../../app/release';
import type { Workspace } from '../../app/workspace';
import { DriverLocks } from '../store/driver-lock';
import { JournalFile } from '../store/journal-file';
import type { LockKind } from '../store/lock-file';
import { ReleaseStoreFile } from '../store/release-store';
import { watchReleases } from '../store/release-watcher';
import { createAdapters, describeService } from './adapters';
import { environmentLayout } from '../../app/environments/layout';
import { parseReleaseKey } from '../../app/environments/key';
import { EnvironmentKeeper } from './environments';
import { FreezeStore } from '../store/freeze-store';
import { configuredPlan, expandWorkspace, type WorkspaceConfig } from '../../adapters/registry';
import { scheduleAutoStart, SCENARIO_ACTOR } from './auto-start';
import { WorldClock } from '../../sandbox/clock';
import { actOnRelease, createControlRoom } from './control-room';
import { isNewerRelease, type HostContext } from './host-context';
import { ReleaseLeases } from './release-leases';
import { DrivingGuard } from './driving-guard';
import { HostState, SNAPSHOT_JOURNAL_EVENTS } from './host-state';
import { verdictsFor } from './verdicts';
import { answersWithin, firstPoll, pollOnce, pollService, startPolling, STOP_WAIT_MS } from './poller';
import { DEFAULT_DEADLINES, type Deadlines } from './deadlines';
import { prepareSandboxState, worldBinding } from './sandbox-world';
import { watchWorld } from './world-watch';
import { FetchSmokeRunner } from './smoke-runner';
import { crashPoints } from './crash-points';
import { GateKeeper } from './gates';
import { SchemaKeeper } from './schema-keeper';
import { MIGRATIONS_ITEM } from '../../app/schema/compatibility';
import { GatesStore } from '../store/gates-store';
import { rereadOnMove } from './moved-reread';
import { statePaths, workspaceCacheDir, workspaceStateDir } from './state-dir';
import { displayPath, loadWorkspaceFile, validateWorkspace } from './workspace-file';

export interface HostOptions {
  workspacePath?: string;
  /** A workspace already read (the sandbox's); validated here with every platform's target schema. */
  workspace?: Workspace;
  operator: string;
  dataDir: string;
  /** Hold driver locks and run timers, rules and scenario auto-starts for the services this process drives. */
  drive: boolean;
  /** How this process shows up to others in lock files: default 'ui' when driving, else 'cli'. */
  kind?: LockKind;
  /** Poll every service every second (default true); the command line polls once on demand instead. */
  poll?: boolean;
  pollIntervalMs?: number;
  /** Where poll-loop errors go (default: stderr); they never stop the loop. */
  onError?: (error: unknown) => void;
  /**
   * Reach only the target that runs this service (or, when no target configures it, the targets that discover their
   * services): a command-line action connects only where it acts.
   */
  forService?: string;
  /** How long start-up waits for each target's first answer (discovery included) before it shows it as not answering; default 5 s. */
  startWaitMs?: number;
  /** Deadlines of every platform call (main/host/deadlines.ts). */
  deadlines?: Partial<Deadlines>;
  /** The host reads every target once, acts on nothing and closes (`switchyard status`): no platform keeps a live view. */
  readOnce?: boolean;
}

export interface Host {
  api: ControlRoomApi;
  workspace: WorkspaceConfig;
  /** `<dataDir>/workspaces/<name>-<hash>`: journal.jsonl, releases/, locks/. */
  stateDir: string;
  /** One poll of every service now. */
  refresh(): Promise<void>;
  /** The service's release an action would act on now: the engine's, or a newer one another process saved. */
  release(serviceId: string): Promise<Release | null>;
  close(): Promise<void>;
}

export async function createHost(opts: HostOptions): Promise<Host> {
  const loaded = opts.workspace
    ? validateWorkspace(opts.workspace, opts.workspacePath ? displayPath(opts.workspacePath) : 'workspace')
    : opts.workspacePath
      ? await loadWorkspaceFile(opts.workspacePath, { cacheDir: workspaceCacheDir(opts.dataDir) })
      : null;
  if (!loaded) throw new Error('createHost needs a workspace or a workspacePath');
  const label = opts.workspacePath ? displayPath(opts.workspacePath) : loaded.name;
  // Targets that name several places (several contexts, profiles × regions): one target per place.
  const workspace = await expandWorkspace(loaded, label);
  const onError = opts.onError ?? ((error: unknown) => console.error(`switchyard: ${error instanceof Error ? error.message : String(error)}`));
  const kind: LockKind = opts.kind ?? (opts.drive ? 'ui' : 'cli');

  const paths = statePaths(workspaceStateDir(opts.dataDir, workspace.name, opts.workspacePath ?? null));
  if (workspace.sandbox) await prepareSandboxState(paths.root, paths.releases, workspace.sandbox.epochMs);

  const clock = new WorldClock(workspace.sandbox ? { speed: workspace.sandbox.speed, epochMs: workspace.sandbox.epochMs } : {});
  const journal = new JournalFile(paths.journal);
  const store = new ReleaseStoreFile(paths.releases, (problem) => onError(new Error(problem.message)), worldBinding(paths.root, workspace));
  const locks = new DriverLocks(paths.locks, opts.operator);
  const adapters = await createAdapters(workspace, {
    operator: opts.operator,
    deadlines: { ...DEFAULT_DEADLINES, ...opts.deadlines },
    ...(opts.forService !== undefined ? { targets: targetsFor(workspace, opts.forService) } : {}),
    ...(opts.readOnce ? { readOnce: true } : {}),
  });
  const world: WorldInfo = {
    mode: workspace.sandbox ? 'sandbox' : 'workspace',
    workspace: opts.workspacePath ? displayPath(opts.workspacePath) : workspace.name,
    scenario: workspace.sandbox?.scenario ?? null,
    speed: clock.speed,
    operator: opts.operator,
  };
  const environments = new EnvironmentKeeper(
    environmentLayout(workspace),
    new FreezeStore(join(paths.root, 'environments.json'), workspace.sandbox?.epochMs ?? null),
    () => clock.wallNow(),
  );
  await environments.refresh();
  const state = new HostState(
    world,
    [...new Set(adapters.services.map((s) => s.key))],
    adapters.platforms().map((p) => p.targetView()),
    { journal: journal.health() },
    environments.views(),
  );
  // This process's own events reach the UI as soon as they are durable; other processes' arrive by tailing the file.
  journal.onAppend((event) => state.addJournal([event]));
  journal.onHealth((health) => state.setJournalHealth(health));

  const schema = new SchemaKeeper((serviceId) => adapters.service(serviceId)?.config ?? null, opts.workspacePath ?? null, () => clock.now());
  // Only a polling host shows views between actions; a command's host reads once after its action (actOnRelease).
  const reread = opts.poll === false ? () => undefined : rereadOnMove((id) => ctx.refreshService(id), onError, () => ctx.closing);
  const ctx: HostContext = {
    workspace,
    operator: opts.operator,
    kind,
    drive: opts.drive,
    clock,
    journal,
    store,
    guard: new DrivingGuard({ locks, leases: new ReleaseLeases(adapters), kind, drive: opts.drive, closing: () => ctx.closing }),
    adapters,
    state,
    environments,
    engine: undefined as unknown as ReleaseEngine,
    schema,
    gates: new GateKeeper({
      items: workspace.checklist ?? null,
      store: new GatesStore(join(paths.root, 'gates'), workspace.sandbox?.epochMs ?? null, (problem) => onError(new Error(problem))),
      clock,
      journal,
      config: (serviceId) => adapters.service(serviceId)?.config ?? null,
      onError,
      // The migrations item is ticked from the schema state where the service has a database.
      derivedTick: (serviceId, stable) => {
        const view = schema.view(serviceId, null, stable);
        return view ? { item: MIGRATIONS_ITEM, ok: view.backwardCompatible, why: view.backwardCompatibleWhy } : null;
      },
    }),
    closing: false,
    async refreshService(serviceId) {
      for (const entry of adapters.members(serviceId)) await pollService(ctx, entry);
    },
    async refreshJournal() {
      state.addJournal(await journal.readNew());
    },
  };
  ctx.engine = new ReleaseEngine({
    clock,
    journal,
    store,
    platform: (serviceId) => {
      const entry = adapters.service(serviceId);
      if (!entry) throw new Error(`unknown service "${serviceId}"`);
      return adapters.platform(entry.target.id);
    },
    flagStore: (serviceId, flag) => {
      const entry = adapters.service(serviceId);
      if (!entry) throw new Error(`unknown service "${serviceId}"`);
      return adapters.flags.storeFor(entry.config, flag);
    },
    members: (serviceId) => adapters.members(serviceId).map((entry) => entry.target.id),
    memberPlatform: (_serviceId, targetId) => adapters.platform(targetId),
    service: (serviceId) => {
      const entry = adapters.service(serviceId);
      return entry ? describeService(entry, ctx.engine.peek(serviceId), adapters.members(serviceId)) : null;
    },
    plan: (serviceId) => {
      const entry = adapters.service(serviceId);
      if (!entry) throw new Error(`unknown service "${serviceId}"`);
      return entry.config.plan ?? configuredPlan(entry.target, entry.config) ?? defaultPlan(entry.config.strategy);
    },
    rules: (serviceId) => adapters.service(serviceId)?.config.rules ?? [...DEFAULT_RULES],
    smoke: new FetchSmokeRunner(),
    drives: (serviceId) => ctx.guard.drives(serviceId),
    actingElsewhere: (serviceId) => ctx.guard.actingElsewhere(serviceId),
    checkpoint: crashPoints(),
    schema: (serviceId) => schema.port(serviceId),
    schemaFacts: (serviceId) => schema.facts(serviceId),
    schemaChanged: (serviceId) => schema.refresh(serviceId),
    onError: (error, context) => onError(new Error(`${context}: ${error instanceof Error ? error.message : String(error)}`)),
    onChange: (release) => {
      const view = state.view(release.serviceId);
      const latest = ctx.engine.active(release.serviceId) ?? release;
      if (view) state.setView({ ...view, release: latest, actions: verdictsFor(ctx, release.serviceId, view.gates?.blockers ?? []), trouble: ctx.engine.trouble(release.serviceId) });
      reread(view?.release ?? null, latest);
    },
  });

  const closers: (() => void | Promise<void>)[] = [];
  /** First polls still waiting on a target that has not answered. */
  let late = new Map<string, Promise<void>>();
  try {
    await ctx.guard.claim([...new Set(adapters.services.map(({ key }) => key))]);
    await journal.checkWritable();
    await journal.readNew();
    const scanned = await journal.scan();
    if (scanned.unreadable) onError(new Error(scanned.unreadable));
    state.seedJournal(inThisWorld(scanned.events.slice(-SNAPSHOT_JOURNAL_EVENTS).reverse(), workspace));
    ctx.engine.restore(await store.loadAll());
    // Start-up waits for each target at most startWaitMs, discovery (a target that lists no services) and first poll
    // together; one that has not answered by then shows so and its poll goes on in the background: a slow target
    // never holds the others or the host. Services discovered later get their locks and releases on their first poll.
    late = await firstPoll(ctx, opts.startWaitMs ?? 5000);

    if (opts.poll !== false) {
      const watcher = watchReleases(store, {
        isNewer: (release) => isNewerRelease(ctx.engine.peek(release.serviceId), release),
        onNewer: async (release) => {
          if (await ctx.guard.actingElsewhere(release.serviceId)) return;
          // An adopted release is read again by onChange (reread); our own writes read back here change nothing.
          ctx.engine.adopt(release);
          void ctx.refreshJournal().catch(onError);
        },
      });
      closers.push(() => watcher.close());
      if (opts.drive) closers.push(watchWorld(ctx, onError));
      closers.push(startPolling(ctx, opts.pollIntervalMs ?? 1000, onError, late));
    }
    if (opts.drive && workspace.sandbox && workspace.sandbox.autoStart.length > 0) {
      const auto = scheduleAutoStart(workspace.sandbox, {
        clock,
        epochMs: workspace.sandbox.epochMs,
        drives: (id) => ctx.guard.drives(id),
        hasRelease: (id) => ctx.engine.active(id) !== null,
        start: async (serviceId, reason) => {
          // The scenario is the actor: the same guard and refusal as an operator's start; the gates it skips are journaled.
          const result = await actOnRelease(ctx, { action: 'start', serviceId, override: true, reason }, SCENARIO_ACTOR);
          if (!result.ok) onError(new Error(`scenario could not start ${serviceId}: ${result.message}`));
        },
      });
      closers.push(() => auto.dispose());
      if (opts.poll !== false) {
        const timer = setInterval(() => void auto.runDue().catch(onError), 1000);
        closers.push(() => clearInterval(timer));
      }
      await auto.runDue().catch(onError);
    }
  } catch (error) {
    await shutdown();
    throw error;
  }

  async function shutdown(): Promise<void> {
    ctx.closing = true;
    for (const close of closers.reverse()) await close();
    state.stream.close();
    await Promise.race([ctx.engine.idle(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    ctx.engine.dispose();
    clock.clearAll();
    await ctx.guard.close();
    await adapters.close();
    await schema.close();
    // Closed platforms fail what was still waiting on them at once, so a late first poll ends now (acting on nothing).
    await answersWithin(Promise.all(late.values()), STOP_WAIT_MS);
    await journal.close();
  }

  let closing: Promise<void> | null = null;
  return {
    api: createControlRoom(ctx),
    workspace,
    stateDir: paths.root,
    refresh: () => pollOnce(ctx),
    release: async (serviceId) => {
      const persisted = await store.load(serviceId);
      const active = ctx.engine.active(serviceId);
      return persisted && isNewerRelease(active, persisted) ? persisted : active;
    },
    close: () => (closing ??= shutdown()),
  };
}

/** The targets a command-line action on the release key needs: every target of its environment that configures it (a release group: every member's), else every target there that discovers. */
function targetsFor(workspace: WorkspaceConfig, key: string): string[] {
  const { serviceId, environment } = parseReleaseKey(key);
  const layout = environmentLayout(workspace);
  const here = workspace.targets.filter((t) => layout.environmentOf(t.id) === environment);
  const owners = here.filter((t) => t.services.some((s) => s.id === serviceId));
  if (owners.length > 0) return owners.map((t) => t.id);
  return here.filter((t) => t.services.length === 0).map((t) => t.id);
}

/** In the sandbox, journal events from earlier worlds (before this world's epoch) are history, not this session. */
function inThisWorld<T extends { at: string }>(events: T[], workspace: Workspace): T[] {
  const epochMs = workspace.sandbox?.epochMs;
  return epochMs === undefined ? events : events.filter((e) => Date.parse(e.at) >= epochMs);
}
