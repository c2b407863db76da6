// The renderer lights exactly the actions the engine accepts: every phase × action × gate state × driver, with the
// renderer's side as the action bar and override panel render it from the host's view, and the engine's side as the
// real act path of a host on the HAProxy emulator.

import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActionName, ActionRequest, ActionResult, ServiceView } from '../../app/api';
import type { Plan } from '../../app/plan';
import { ACTION_NAMES, ACTIONS } from '../../app/release/actions';
import type { Rule } from '../../app/rule';
import type { Workspace } from '../../app/workspace';
import { createHost, type Host } from '../../main/host/host';
import { WorldClock } from '../../sandbox/emulators/clock';
import { HaproxyEmulator, HaproxyState } from '../../sandbox/emulators/haproxy/index';
import { ApiContext } from '../../renderer/api-context';
import { ActionBar } from '../../renderer/components/ActionBar';
import { GatesPanel } from '../../renderer/components/GatesPanel';
import { press } from '../../renderer/domain/action-offer';
import { buildRequest } from '../../renderer/state/actions';
import { createFakeApi } from '../fixtures/renderer-fake-api';

type Gate = 'no gate' | 'start needs override';
type Driver = 'this window' | 'another window';

/** One world per build: its own emulator, state directory and hosts, so an accepted action changes nothing else. */
class World {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'sy-agree-'));
  readonly hosts: Host[] = [];
  emulator: HaproxyEmulator | null = null;
  runtimeApi = '';

  async listen(): Promise<void> {
    const state = new HaproxyState({
      clock: new WorldClock(),
      backends: [
        {
          name: 'be_checkout',
          servers: [
            { name: 'checkout-v1-1', addr: '10.0.0.1', port: 8080, weight: 100 },
            { name: 'checkout-v1-2', addr: '10.0.0.2', port: 8080, weight: 100 },
            { name: 'checkout-v2-1', addr: '10.0.0.3', port: 8080, weight: 0 },
          ],
        },
      ],
    });
    this.emulator = new HaproxyEmulator(state);
    this.runtimeApi = (await this.emulator.listen()).runtimeApi;
  }

  /** The data plane stops answering (connection refused). */
  async stop(): Promise<void> {
    await this.emulator?.close();
    this.emulator = null;
  }

  async open(workspace: Workspace, operator: string): Promise<Host> {
    const host = await createHost({ workspace, operator, dataDir: this.dataDir, drive: true, poll: false, onError: () => {} });
    this.hosts.push(host);
    return host;
  }

  async close(): Promise<void> {
    for (const host of this.hosts.splice(0).reverse()) await host.close();
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

interface Shape {
  plan?: Plan;
  rules?: Rule[];
}

function workspaceOf(world: World, gate: Gate, shape: Shape): Workspace {
  return {
    name: 'shop',
    metrics: null,
    sandbox: null,
    checklist: gate === 'start needs override' ? [{ id: 'migrations', text: 'Database migrations are backward-compatible' }] : null,
    targets: [
      {
        id: 'edge',
        platform: 'haproxy',
        runtimeApi: world.runtimeApi,
        services: [
          {
            id: 'checkout',
            name: 'Checkout',
            backend: 'be_checkout',
            strategy: 'canary',
            stable: 'v1',
            candidate: 'v2',
            versions: { v1: ['checkout-v1-1', 'checkout-v1-2'], v2: ['checkout-v2-1'] },
            optional: true,
            // A rule only where a state needs one: the readiness rule would otherwise fire in every state.
            rules: shape.rules ?? [],
            ...(shape.plan ? { plan: shape.plan } : {}),
          },
        ],
      },
    ],
  };
}

/** An operator's action as the state is built: starts pass the gate with an override, as the panel would. */
async function act(host: Host, action: ActionName, gate: Gate): Promise<ActionResult> {
  const start = action === 'start' && gate === 'start needs override' ? { override: true, reason: 'building the state' } : {};
  return host.api.act({ action, serviceId: 'checkout', confirmed: true, ...start });
}

interface State {
  name: string;
  shape?: Shape;
  reach(world: World, host: Host, gate: Gate): Promise<void>;
  /** What the view must show, so a state that was not reached fails the test rather than testing another. */
  check(view: ServiceView): void;
  /** Nothing is on offer here (a promoted release's candidate is the stable version now: nothing to start). */
  offersNothing?: true;
}

const MANUAL_GATE_TO_100: Plan = { strategy: 'canary', steps: [{ kind: 'setWeight', percent: 5 }, { kind: 'pause', durationMs: null }, { kind: 'setWeight', percent: 100 }] };
const FAILING_SMOKE: Plan = {
  strategy: 'canary',
  steps: [
    { kind: 'smoke', checks: [{ name: 'health', url: 'http://127.0.0.1:1/health', method: 'GET', expectStatus: 200, bodyContains: null, maxLatencyMs: null }] },
    { kind: 'setWeight', percent: 5 },
    { kind: 'setWeight', percent: 100 },
  ],
};
// Ready / total instances is at most 1: the rule breaches from its first sample and pauses at once.
const PAUSING_RULE: Rule = { id: 'readiness', metric: 'readyRatio', comparison: '<', threshold: 2, sustainMs: 0, action: 'pause' };

// Pending is not among them: a start applies its first step before it answers, so no view ever shows it.
const STATES: State[] = [
  { name: 'no release', reach: async () => {}, check: (v) => expect(v.release).toBeNull() },
  {
    name: 'Progressing at a timed pause',
    reach: async (_w, host, gate) => void (await act(host, 'start', gate)),
    check: (v) => expect(v.release).toMatchObject({ phase: 'Progressing', stepIndex: 1 }),
  },
  {
    name: 'Progressing, held at a failed traffic step',
    reach: async (world, host, gate) => {
      await act(host, 'start', gate);
      await world.stop();
      await act(host, 'step', gate);
    },
    check: (v) => expect(v.release).toMatchObject({ phase: 'Progressing', held: { step: 2 } }),
  },
  {
    name: 'Paused by the operator',
    reach: async (_w, host, gate) => {
      await act(host, 'start', gate);
      await act(host, 'pause', gate);
    },
    check: (v) => expect(v.release).toMatchObject({ phase: 'Paused', paused: { by: 'operator' } }),
  },
  {
    name: 'Paused at a manual gate before a step to 100 %',
    shape: { plan: MANUAL_GATE_TO_100 },
    reach: async (_w, host, gate) => void (await act(host, 'start', gate)),
    check: (v) => {
      expect(v.release).toMatchObject({ phase: 'Paused', paused: { by: 'plan' }, stepIndex: 1 });
      if (v.drivenBy === null) expect(v.actions.step).toMatchObject({ allowed: true, confirm: true });
    },
  },
  {
    name: 'Paused by a rule',
    shape: { rules: [PAUSING_RULE] },
    reach: async (_w, host, gate) => {
      await act(host, 'start', gate);
      await host.refresh();
    },
    check: (v) => expect(v.release).toMatchObject({ phase: 'Paused', paused: { by: 'rule' } }),
  },
  {
    name: 'rollback owed',
    reach: async (world, host, gate) => {
      await act(host, 'start', gate);
      await world.stop();
      expect((await act(host, 'rollback', gate)).outcome).toBe('owed');
    },
    check: (v) => expect(v.release).toMatchObject({ phase: 'Progressing', request: { action: 'rollback' } }),
  },
  {
    name: 'promote owed',
    reach: async (world, host, gate) => {
      await act(host, 'start', gate);
      await world.stop();
      expect((await act(host, 'promote', gate)).outcome).toBe('owed');
    },
    check: (v) => expect(v.release).toMatchObject({ phase: 'Progressing', request: { action: 'promote' } }),
  },
  {
    name: 'Promoted',
    reach: async (_w, host, gate) => {
      await act(host, 'start', gate);
      await act(host, 'promote', gate);
    },
    check: (v) => expect(v.release?.phase).toBe('Promoted'),
    offersNothing: true,
  },
  {
    name: 'RolledBack',
    reach: async (_w, host, gate) => {
      await act(host, 'start', gate);
      await act(host, 'rollback', gate);
    },
    check: (v) => expect(v.release?.phase).toBe('RolledBack'),
  },
  {
    name: 'Failed on a smoke check',
    shape: { plan: FAILING_SMOKE },
    reach: async (_w, host, gate) => void (await act(host, 'start', gate)),
    check: (v) => expect(v.release?.phase).toBe('Failed'),
  },
];

/** What the renderer shows for the view: the action bar's buttons and the override panel, as rendered. */
interface Shown {
  /** Button label → enabled; a button not rendered (Start beside a running release) is absent. */
  buttons: Map<string, boolean>;
  overridePanel: boolean;
}

function rendered(view: ServiceView): Shown {
  const api = createFakeApi();
  const html = renderToStaticMarkup(
    createElement(ApiContext.Provider, { value: api }, createElement(ActionBar, { service: view }), createElement(GatesPanel, { service: view })),
  );
  const buttons = new Map<string, boolean>();
  for (const match of html.matchAll(/<button([^>]*)>([^<]*)<\/button>/g)) buttons.set(match[2]!, !/\sdisabled=""/.test(match[1]!));
  return { buttons, overridePanel: html.includes('Start needs an override') };
}

/** The request the renderer sends when the operator presses the button (and confirms the dialog where it opens). */
function requestOf(view: ServiceView, action: ActionName): ActionRequest {
  const pressed = press(view, action);
  const expect_ = pressed.kind === 'refused' ? { releaseId: view.release?.id, stepIndex: view.release?.stepIndex } : pressed.expect;
  // A refused action is sent as permissively as the renderer ever sends it: confirmed, naming the view it saw.
  const confirmed = pressed.kind !== 'send';
  return buildRequest(action, view.id, { confirmed, reason: 'refusal agreement', ...(view.release ? { expect: expect_ } : {}) });
}

const worlds: World[] = [];
afterEach(async () => {
  for (const world of worlds.splice(0)) await world.close();
});

/** A fresh world in the state, and the host of the window under test (the driver, or a read-only second window). */
async function build(state: State, gate: Gate, driver: Driver): Promise<{ host: Host; view: ServiceView; world: World }> {
  const world = new World();
  worlds.push(world);
  await world.listen();
  const workspace = workspaceOf(world, gate, state.shape ?? {});
  const driving = await world.open(workspace, 'alice');
  await state.reach(world, driving, gate);
  const host = driver === 'this window' ? driving : await world.open(workspace, 'bob');
  await host.refresh();
  const view = (await host.api.snapshot()).services[0]!;
  state.check(view);
  if (driver === 'another window') expect(view.drivenBy).toMatch(/alice's Switchyard window/);
  return { host, view, world };
}

async function closeWorld(world: World): Promise<void> {
  worlds.splice(worlds.indexOf(world), 1);
  await world.close();
}

interface Verdict {
  action: ActionName | 'start with override';
  renderer: 'enabled' | 'disabled';
  engine: 'accepted' | 'refused';
  message: string;
}

/**
 * Every action of one state: what the renderer shows, then what the engine says when the renderer's request is sent.
 * A refused action changes nothing, so the next is asked of the same world; after an accepted one the state is built afresh.
 */
async function walk(state: State, gate: Gate, driver: Driver): Promise<Verdict[]> {
  const verdicts: Verdict[] = [];
  let built: Awaited<ReturnType<typeof build>> | null = null;
  const asks: (ActionName | 'start with override')[] = [...ACTION_NAMES, 'start with override'];
  for (const ask of asks) {
    built ??= await build(state, gate, driver);
    const { host, view } = built;
    const shown = rendered(view);
    let enabled: boolean;
    let request: ActionRequest;
    if (ask === 'start with override') {
      enabled = shown.overridePanel;
      request = buildRequest('start', view.id, { override: true, reason: 'refusal agreement: release must go now' });
      // With a plain Start on offer the panel is not needed; the engine's answer to an unasked override says nothing.
      if (!enabled && shown.buttons.get(ACTIONS.start.label) === true) continue;
    } else {
      enabled = shown.buttons.get(ACTIONS[ask].label) ?? false;
      request = requestOf(view, ask);
    }
    const result = await host.api.act(request);
    verdicts.push({ action: ask, renderer: enabled ? 'enabled' : 'disabled', engine: result.outcome === 'refused' ? 'refused' : 'accepted', message: result.message });
    if (result.outcome !== 'refused') {
      await closeWorld(built.world);
      built = null;
    }
  }
  if (built) await closeWorld(built.world);
  return verdicts;
}

const disagreements = (verdicts: Verdict[]) =>
  verdicts.filter((v) => (v.renderer === 'enabled') !== (v.engine === 'accepted')).map((v) => `${v.action}: renderer ${v.renderer}, engine ${v.engine} (${v.message})`);

describe('the renderer enables exactly what the engine accepts', () => {
  for (const state of STATES) {
    for (const gate of ['no gate', 'start needs override'] as const) {
      it(`${state.name}, ${gate}, this window drives`, async () => {
        const verdicts = await walk(state, gate, 'this window');
        expect(disagreements(verdicts)).toEqual([]);
        // Something is on offer (at least Start, or Rollback) wherever there is anything to do: the walk is not vacuous.
        expect(verdicts.some((v) => v.renderer === 'enabled')).toBe(state.offersNothing !== true);
      });
      it(`${state.name}, ${gate}, another window drives: read-only`, async () => {
        const verdicts = await walk(state, gate, 'another window');
        expect(disagreements(verdicts)).toEqual([]);
        expect(verdicts.every((v) => v.renderer === 'disabled' && /driven by alice/.test(v.message))).toBe(true);
      });
    }
  }
});
