// A change the Unleash server does not keep: the adapter reads it back and fails naming what the server has; in a
// release the plan holds at the step with that message, journaled as failed.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlagStore } from '../../adapters/registry';
import type { FlagStore } from '../../app/ports';
import { UnleashEmulator } from '../../sandbox/emulators/unleash/index';
import { harness } from '../unit/engine-fakes';

const TOKEN = '*:*.mismatch';

describe('a flag change the server does not keep', () => {
  const emulator = new UnleashEmulator({ adminToken: TOKEN, tokenName: 'someone-else' });
  let store: FlagStore;

  beforeAll(async () => {
    await emulator.listen();
    emulator.state.createFeature('default', 'sticky', 'someone-else');
    store = createFlagStore({ id: 'flags', platform: 'unleash', url: emulator.url, project: 'default', environment: 'production', tokenEnv: 'T' }, { T: TOKEN });
    await store.setPercent('sticky', 5);
    // From now on the server answers every strategy update but keeps what it had (another writer, a policy …).
    const keep = emulator.state.updateStrategy.bind(emulator.state);
    emulator.state.updateStrategy = (project, name, env, id, _body, by) => keep(project, name, env, id, { ...emulator.state.environment(project, name, env).strategies[0]! }, by);
  });

  afterAll(async () => {
    await emulator.close();
  });

  it('the adapter says what it asked for and what the server has', async () => {
    await expect(store.setPercent('sticky', 25)).rejects.toThrow(/flag sticky in default\/production: asked for 25%, but the server has off, 5%/);
  });

  it('a release holds at the step with that message, journaled as failed', async () => {
    const h = harness({ plans: { checkout: { strategy: 'canary', steps: [{ kind: 'setFlag', flag: 'sticky', percent: 25 }, { kind: 'setWeight', percent: 100 }] } } });
    h.deps.flagStore = () => store;
    const started = await h.act('start');
    expect(started.ok).toBe(false);
    expect(h.release()).toMatchObject({ stepIndex: 0, held: { step: 0 } });
    expect(h.release().reason).toContain('sticky to 25% (step 1) failed');
    expect(h.release().reason).toContain('asked for 25%, but the server has off, 5%; the flag store has sticky off (5%)');
    const failed = h.events({ action: 'start', stage: 'failed' })[0];
    expect(failed?.message).toContain('asked for 25%, but the server has off, 5%');
    expect(h.platform.intents).toEqual([]);
  });
});
