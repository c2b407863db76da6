// One read of every backend: a server that reads the same as last time keeps its view object, a changed one does not.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RuntimeApiClient } from '../../adapters/haproxy/runtime-client';
import { readBackends } from '../../adapters/haproxy/snapshot';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./adapters-fixtures/${name}`, import.meta.url)), 'utf8');

function clientAnswering(answers: { stat: string; state: string }): RuntimeApiClient {
  return { assertSafeName() {}, read: async (command: string) => (command.startsWith('show stat') ? answers.stat : answers.state) } as unknown as RuntimeApiClient;
}

describe('readBackends', () => {
  it('keeps the view of a server that reads the same and makes a new one for a server that changed', async () => {
    const answers = { stat: fixture('show-stat-canary-drain.txt'), state: fixture('servers-state-canary-drain.txt') };
    const first = await readBackends(clientAnswering(answers));
    const again = await readBackends(clientAnswering(answers), undefined, first);
    const servers = (read: typeof first) => read.get('be_checkout')!;
    expect(servers(again).get('checkout-v1.4.2-1')).toBe(servers(first).get('checkout-v1.4.2-1'));
    // checkout-v1.5.0-1 taken out of rotation: admin state 0 → 8 (drain).
    const drained = { ...answers, state: answers.state.replace(/(\d+ be_checkout 3 checkout-v1\.5\.0-1 \S+ \d+ )0 /, '$18 ') };
    expect(drained.state).not.toBe(answers.state);
    const later = await readBackends(clientAnswering(drained), undefined, again);
    expect(servers(later).get('checkout-v1.5.0-1')).not.toBe(servers(again).get('checkout-v1.5.0-1'));
    expect(servers(later).get('checkout-v1.5.0-1')).toMatchObject({ admin: 'drain', serving: false });
    expect(servers(later).get('checkout-v1.4.2-1')).toBe(servers(first).get('checkout-v1.4.2-1'));
  });
});
