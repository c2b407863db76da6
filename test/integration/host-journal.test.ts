// The host's journal: its own events reach the stream from the engine, other processes' by tailing, each once;
// journal health and corrupt lines are in the snapshot and on the stream.
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StreamMessage } from '../../app/api';
import type { JournalEvent } from '../../app/release';
import type { Workspace } from '../../app/workspace';
import { WorldClock } from '../../sandbox/index';
import { createHost, type Host } from '../../main/host/host';
import { statePaths, workspaceStateDir } from '../../main/host/state-dir';
import { HaproxyEmulator, HaproxyState } from '../../sandbox/emulators/haproxy/index';

let dataDir: string;
let emulator: HaproxyEmulator;
let runtimeApi: string;
const hosts: Host[] = [];

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sy-host-journal-'));
  const state = new HaproxyState({
    clock: new WorldClock(),
    backends: [
      {
        name: 'be_checkout',
        servers: [
          { name: 'checkout-v1-1', addr: '10.0.0.1', port: 8080, weight: 100 },
          { name: 'checkout-v2-1', addr: '10.0.0.3', port: 8080, weight: 0 },
        ],
      },
    ],
  });
  emulator = new HaproxyEmulator(state);
  runtimeApi = (await emulator.listen()).runtimeApi;
});

afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function workspace(): Workspace {
  return {
    name: 'shop',
    metrics: null,
    sandbox: null,
    targets: [
      {
        id: 'edge',
        platform: 'haproxy',
        runtimeApi,
        services: [
          {
            id: 'checkout',
            name: 'Checkout',
            backend: 'be_checkout',
            strategy: 'canary',
            stable: 'v1',
            candidate: 'v2',
            versions: { v1: ['checkout-v1-1'], v2: ['checkout-v2-1'] },
            optional: true,
          },
        ],
      },
    ],
  };
}

const journalPath = () => statePaths(workspaceStateDir(dataDir, 'shop', null)).journal;

async function open(options: Partial<Parameters<typeof createHost>[0]> = {}): Promise<Host> {
  const host = await createHost({ workspace: workspace(), operator: 'alice', dataDir, drive: true, pollIntervalMs: 100, onError: () => undefined, ...options });
  hosts.push(host);
  return host;
}

const streamedJournal = (messages: StreamMessage[]): JournalEvent[] => messages.flatMap((m) => (m.type === 'patch' ? (m.patch.journal ?? []) : []));
const streamedHealth = (messages: StreamMessage[]) => messages.flatMap((m) => (m.type === 'patch' && m.patch.health ? [m.patch.health.journal] : []));

describe('the host journal', () => {
  it('streams its own events from the engine and a command-line action beside it from the file, each exactly once', async () => {
    const window = await open();
    const messages: StreamMessage[] = [];
    window.api.subscribe((m) => messages.push(m));
    expect((await window.api.act({ action: 'start', serviceId: 'checkout' })).ok).toBe(true);
    expect((await window.api.act({ action: 'step', serviceId: 'checkout' })).ok).toBe(true);

    const cli = await open({ operator: 'bob', drive: false, kind: 'cli', poll: false });
    expect((await cli.api.act({ action: 'pause', serviceId: 'checkout', reason: 'hold' })).ok).toBe(true);

    const key = (e: JournalEvent) => `${e.actor} ${e.action} ${e.stage}`;
    await expect.poll(() => streamedJournal(messages).map(key), { timeout: 5000 }).toEqual(expect.arrayContaining(['bob pause done']));
    await new Promise((r) => setTimeout(r, 600)); // a late duplicate would arrive within a patch interval or two
    const streamed = streamedJournal(messages);
    expect(streamed.map(key)).toEqual(['alice start intent', 'alice start done', 'alice step intent', 'alice step done', 'bob pause intent', 'bob pause done']);
    expect(new Set(streamed.map((e) => e.id)).size).toBe(streamed.length);
    const inSnapshot = (await window.api.snapshot()).journal;
    expect(inSnapshot.map(key).reverse()).toEqual(streamed.map(key));
    expect(new Set(inSnapshot.map((e) => e.id)).size).toBe(inSnapshot.length);
  });

  it('is unhealthy in the snapshot and on the stream after a failed append, and healthy again after the next one', async () => {
    const window = await open();
    expect((await window.api.snapshot()).health.journal).toMatchObject({ path: journalPath(), writable: true, error: null });
    const messages: StreamMessage[] = [];
    window.api.subscribe((m) => messages.push(m));
    expect((await window.api.act({ action: 'start', serviceId: 'checkout' })).ok).toBe(true);

    // The journal is moved aside and a directory takes its place: no append can open it.
    renameSync(journalPath(), `${journalPath()}.moved`);
    mkdirSync(journalPath());
    const step = await window.api.act({ action: 'step', serviceId: 'checkout' });
    expect(step.ok).toBe(false);
    const broken = (await window.api.snapshot()).health.journal;
    expect(broken).toMatchObject({ writable: false, error: expect.stringMatching(/EISDIR/) });
    await expect.poll(() => streamedHealth(messages).map((h) => h.writable), { timeout: 3000 }).toEqual([false]);

    rmSync(journalPath(), { recursive: true });
    expect((await window.api.act({ action: 'step', serviceId: 'checkout' })).ok).toBe(true);
    expect((await window.api.snapshot()).health.journal).toMatchObject({ writable: true, error: null });
    await expect.poll(() => streamedHealth(messages).map((h) => h.writable), { timeout: 3000 }).toEqual([false, true]);
  });

  it('reports the lines of the journal that are not events at start-up, and keeps them aside', async () => {
    const path = journalPath();
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, 'not json\n{"at":"2025-01-01T00:00:00Z"}\n{"torn":');
    const host = await open({ drive: false, poll: false });
    expect((await host.api.snapshot()).health.journal.corrupt).toEqual({ count: 3, lines: [1, 2, 3], keptIn: path.replace(/\.jsonl$/, '.corrupt.jsonl') });
  });
});
