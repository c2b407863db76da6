// kill -9 at every point of an action: one world, one driving control room at a time, and for each point an action
// run in a process that SWITCHYARD_CRASH_AT kills there, then a driving host started again; what it finds is asserted.

import { expect } from 'vitest';
import { isTerminal } from '../../../app/model';
import type { Release } from '../../../app/release';
import { candidatePercent } from './data-plane';
import { startWeb, switchyard, type WebHost } from './hosts';
import { describeJournal, percentOf, readJournal, unclosedIntents, type Entry } from './journal';
import { until } from './processes';
import type { World } from './world';

export type CrashAction = 'start' | 'step' | 'rollback' | 'promote' | 'pause' | 'advance';

export interface CrashCase {
  action: CrashAction;
  service: string;
  /** The candidate's share before the action and once it is done. */
  before: number;
  after: number;
  /** Rollback, Promote, Pause: what was asked is carried out after the restart, whatever the point. */
  owed: boolean;
  /** Brings the service's fresh release to where the action starts from (the release was reset before). */
  setup(host: WebHost): Promise<void>;
}

/** One measured row of the fault matrix. */
export interface CrashRow {
  action: CrashAction;
  n: number;
  /** "after-commit of step (time 2)", or "not reached" for the run that went through. */
  point: string;
  splitAtRestart: number | null;
  splitAfter: number;
  phase: string;
  interrupted: string | null;
  stages: string;
}

export class CrashMatrix {
  private host: WebHost | null = null;
  readonly rows: CrashRow[] = [];

  constructor(private readonly world: World) {}

  private async driving(): Promise<WebHost> {
    this.host ??= await startWeb(this.world);
    return this.host;
  }

  private async stopHost(): Promise<void> {
    await this.host?.proc.stop();
    this.host = null;
  }

  async close(): Promise<void> {
    await this.stopHost();
  }

  /** Every point the action passes, one run each, then one run that passes them all: returns how many points there were. */
  async everyPoint(crash: CrashCase, limit = 12): Promise<number> {
    for (let n = 1; n <= limit; n++) {
      const reached = await this.runCase(crash, n);
      if (!reached) return n - 1;
    }
    throw new Error(`${crash.action} passed more than ${limit} crash points`);
  }

  /** Returns whether the nth point was reached (the process died there). */
  private async runCase(crash: CrashCase, n: number): Promise<boolean> {
    const { world } = this;
    const spec = `*:${crash.action}:${n}`;
    // The plan's own advance runs in a driving host: the one SWITCHYARD_CRASH_AT kills sets its release up itself.
    let doomed: WebHost | null = null;
    if (crash.action === 'advance') {
      await this.stopHost();
      doomed = await startWeb(world, spec);
    }
    const host = doomed ?? (await this.driving());
    await this.reset(host, crash.service);
    await crash.setup(host);
    expect(await candidatePercent(world, crash.service), `${crash.action}: the split the action starts from`).toBe(crash.before);
    const mark = readJournal(world).length;

    let point: string;
    if (doomed) {
      point = await this.timedAdvance(doomed, mark);
    } else {
      await this.stopHost();
      const run = await switchyard(world, [crash.action, crash.service], spec);
      if (run.signal === 'SIGKILL') {
        expect(run.crashedAt, run.err).toMatch(new RegExp(` of ${crash.action} \\(time ${n}\\)$`));
        point = run.crashedAt!;
      } else {
        expect(run.code, `${crash.action} ran through: ${run.out}${run.err}`).toBe(0);
        point = 'not reached';
      }
    }
    const crashed = point !== 'not reached';

    // A driving host started again finds the release as the crash left it and carries on.
    const restarted = await this.driving();
    const context = () => `case ${crash.action} #${n} (${point})\n${describeJournal(readJournal(world).slice(mark))}\n${restarted.proc.output()}`;
    const settled = await until(
      async () => ({ release: world.savedRelease(crash.service), split: await candidatePercent(world, crash.service), events: readJournal(world).slice(mark) }),
      ({ release, split, events }) =>
        unclosedIntents(events).length === 0 && (release === null ? split === 0 : release.candidatePercent === split && isSettled(release)),
      20_000,
      context,
    );
    const { release, split, events } = settled;
    const mine = events.filter((e) => e.serviceId === crash.service);
    const interrupted = mine.find((e) => e.stage === 'interrupted') ?? null;

    // A known split: the one before the action or the one after it; what was asked is carried out.
    expect([crash.before, crash.after], context()).toContain(split);
    if (crash.owed) expect(split, `${crash.action} asked before the crash is carried out after the restart\n${context()}`).toBe(crash.after);
    // A complete journal: every intent ended; the interrupted one says what it was and the split it read back.
    expect(unclosedIntents(events), context()).toEqual([]);
    if (crashed) {
      expect(interrupted, `an interrupted record for ${point}\n${context()}`).not.toBeNull();
      expect(interrupted!.action).toBe(crash.action);
      expect(interrupted!.message).toMatch(new RegExp(`^${crash.action} by (dana|auto) was interrupted: .*the split reads .*\\d+%`));
      const readBack = percentOf(interrupted!.splitAfter, world.service(crash.service).candidate!);
      expect([crash.before, crash.after], `split read back on restart\n${context()}`).toContain(readBack);
    } else {
      expect(interrupted, context()).toBeNull();
    }
    if (crash.owed) expectNoAdvancePast(crash.action, mine, context);

    this.rows.push({
      action: crash.action,
      n,
      point,
      splitAtRestart: interrupted ? percentOf(interrupted.splitAfter, world.service(crash.service).candidate!) : null,
      splitAfter: split,
      phase: release ? (isTerminal(release.phase) ? release.phase : `${release.phase} at step ${release.stepIndex + 1}/${release.plan.steps.length}`) : 'no release',
      interrupted: interrupted?.message ?? null,
      stages: mine.filter((e) => e.stage !== 'note').map((e) => `${e.action}/${e.stage}`).join(' '),
    });
    // A promoted candidate is the stable version now: swap them so the next case releases again (the host re-reads).
    if (release?.phase === 'Promoted') {
      const service = world.service(crash.service);
      world.configure(crash.service, { stable: service.candidate!, candidate: service.stable });
      await this.stopHost();
    }
    return crashed;
  }

  /** The release's timed step ends in the doomed host: it dies at the chosen point, or (past the last point) goes through. */
  private async timedAdvance(doomed: WebHost, mark: number): Promise<string> {
    // Its done is the last thing an advance writes: once it is there, no point of it is left to reach.
    const outcome = await until(
      () => ({ died: doomed.proc.exit !== null, done: readJournal(this.world).slice(mark).some((e) => e.action === 'advance' && e.stage === 'done') }),
      ({ died, done }) => died || done,
      30_000,
      () => doomed.proc.output(),
    );
    if (outcome.died) {
      expect(doomed.proc.exit?.signal, doomed.proc.output()).toBe('SIGKILL');
      return /SWITCHYARD_CRASH_AT: killed at (\S+ of \S+ \(time \d+\))/.exec(doomed.proc.err)?.[1] ?? 'killed (no marker)';
    }
    await doomed.proc.stop();
    return 'not reached';
  }

  /** The service's last release ends (rolled back) so a new one can start. */
  private async reset(host: WebHost, serviceId: string): Promise<void> {
    const saved = this.world.savedRelease(serviceId);
    if (!saved || isTerminal(saved.phase)) return;
    const result = await host.act({ action: 'rollback', serviceId, confirmed: true, reason: 'fault suite: next case' });
    expect(result, `reset of ${serviceId}`).toMatchObject({ ok: true });
  }
}

/** Every release of these plans ends its run at a manual gate, or ends. */
function isSettled(release: Release): boolean {
  return isTerminal(release.phase) || (release.phase === 'Paused' && release.request == null);
}

/** After a Rollback, Promote or Pause was asked, the plan never moved on by itself. */
function expectNoAdvancePast(action: CrashAction, events: Entry[], context: () => string): void {
  const asked = events.findIndex((e) => e.action === action && e.stage === 'intent');
  const advanced = events.slice(asked + 1).filter((e) => e.stage === 'intent' && (e.action === 'advance' || e.action === 'step'));
  expect(advanced, `no plan advance after the ${action} was asked\n${context()}`).toEqual([]);
}

/** The measured matrix, one line per case, for the report. */
export function formatRows(rows: CrashRow[]): string {
  return rows
    .map((r) => `${r.action} #${r.n} @ ${r.point}: split at restart ${r.splitAtRestart ?? '-'}% → ${r.splitAfter}% (${r.phase}); ${r.stages}${r.interrupted ? `\n    "${r.interrupted}"` : ''}`)
    .join('\n');
}
