// Parity: the adapter's calls against the emulated Unleash and the real unleash-server give the same answers
// (flag states read back, and the messages of an unknown flag, an unknown environment and a refused token).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlagStore } from '../../adapters/registry';
import type { FlagStore } from '../../app/ports';
import { findPostgresBinaries } from '../../sandbox/world/postgres-cluster';
import { UnleashEmulator } from '../../sandbox/emulators/unleash/index';
import { startRealUnleash, UNLEASH_ADMIN_TOKEN, type RealUnleash } from '../support/real-unleash';

const canRun = findPostgresBinaries() !== null;

interface Side {
  url: string;
  store(environment?: string, token?: string): FlagStore;
  createFlag(name: string): Promise<void>;
}

/** What one side answers to each call, with the parts that differ by nature (server address, clock) taken out. */
async function script(side: Side): Promise<unknown[]> {
  const answers: unknown[] = [];
  const normal = (value: unknown) => JSON.parse(JSON.stringify(value).replaceAll(side.url, 'URL').replace(/"changedAt":"[^"]+"/g, '"changedAt":"T"'));
  const record = async (call: () => Promise<unknown>) => {
    try {
      answers.push(normal({ ok: await call() }));
    } catch (error) {
      answers.push(normal({ error: error instanceof Error ? error.message : String(error) }));
    }
  };
  const store = side.store();
  await side.createFlag('parity');
  await record(() => store.read('parity'));
  for (const percent of [1, 5, 25, 100, 0]) await record(() => store.setPercent('parity', percent));
  await record(() => store.setEnabled('parity', true));
  await record(() => store.setEnabled('parity', true));
  await record(() => store.setEnabled('parity', false));
  await record(() => store.read('no-such-flag'));
  await record(() => store.setPercent('no-such-flag', 5));
  await record(() => store.setEnabled('no-such-flag', true));
  await record(() => side.store('staging').read('parity'));
  await record(() => side.store('production', '*:*.wrong').read('parity'));
  return answers;
}

describe.skipIf(!canRun)('the emulated Unleash answers the adapter as the real unleash-server does', () => {
  let real: RealUnleash;
  const emulator = new UnleashEmulator({ adminToken: UNLEASH_ADMIN_TOKEN, tokenName: 'switchyard' });

  beforeAll(async () => {
    [real] = await Promise.all([startRealUnleash(), emulator.listen()]);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([real?.stop(), emulator.close()]);
  });

  function side(url: string, createFlag: (name: string) => Promise<void>): Side {
    return {
      url,
      createFlag,
      store: (environment = 'production', token = UNLEASH_ADMIN_TOKEN) =>
        createFlagStore({ id: 'flags', platform: 'unleash', url, project: 'default', environment, tokenEnv: 'T' }, { T: token }),
    };
  }

  it('gives the same answers to the same calls', async () => {
    const fromReal = await script(side(real.url, (name) => real.createFlag(name)));
    const fromEmulator = await script(
      side(emulator.url, async (name) => {
        const response = await fetch(`${emulator.url}/api/admin/projects/default/features`, { method: 'POST', headers: { authorization: UNLEASH_ADMIN_TOKEN, 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
        expect(response.status).toBe(201);
      }),
    );
    expect(fromEmulator).toEqual(fromReal);
    // The script did reach both: percentages moved and errors were named.
    expect(fromReal[4]).toMatchObject({ ok: { percent: 100 } });
    expect(JSON.stringify(fromReal.at(-1))).toContain('refused the admin token (HTTP 401)');
  });
});
