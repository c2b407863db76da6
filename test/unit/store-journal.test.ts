import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JournalFile } from '../../main/store/journal-file';
import type { JournalEvent } from '../../app/release';

function event(serviceId: string, n: number, extra: Partial<JournalEvent> = {}): JournalEvent {
  return {
    at: new Date(Date.UTC(2025, 0, 1, 12, 0, n)).toISOString(),
    actor: 'alice',
    serviceId,
    releaseId: `${serviceId}-r1`,
    action: 'step',
    stage: 'done',
    reason: `event ${n}`,
    splitBefore: [{ version: 'v1', percent: 100 }],
    splitAfter: [{ version: 'v1', percent: 95 }, { version: 'v2', percent: 5 }],
    step: n,
    firing: null,
    message: null,
    ...extra,
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sy-journal-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('JournalFile', () => {
  it('writes concurrent appends as whole lines, in call order, each on disk when it resolves', async () => {
    const path = join(dir, 'state', 'journal.jsonl');
    const journal = new JournalFile(path);
    const appends = Array.from({ length: 20 }, (_, i) => journal.append(event('checkout', i)));
    await appends[4];
    expect(readFileSync(path, 'utf8').split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(5);
    await Promise.all(appends);
    const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    expect(lines.map((l) => (JSON.parse(l) as JournalEvent).step)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    await journal.close();
  });

  it('reads newest first, filtered by service and limited', async () => {
    const journal = new JournalFile(join(dir, 'journal.jsonl'));
    for (let i = 0; i < 6; i++) await journal.append(event(i % 2 ? 'payments' : 'checkout', i));
    const checkout = await journal.read({ serviceId: 'checkout' });
    expect(checkout.map((e) => e.step)).toEqual([4, 2, 0]);
    expect((await journal.read({ limit: 2 })).map((e) => e.step)).toEqual([5, 4]);
    expect(await journal.read({ serviceId: 'nobody' })).toEqual([]);
    await journal.close();
  });

  it('survives a torn last line: keeps the earlier events and appends after it', async () => {
    const path = join(dir, 'journal.jsonl');
    const first = new JournalFile(path);
    await first.append(event('checkout', 1));
    await first.close();
    appendFileSync(path, JSON.stringify(event('checkout', 2)).slice(0, 40)); // a crash mid-write

    const reopened = new JournalFile(path);
    expect((await reopened.read({})).map((e) => e.step)).toEqual([1]);
    await reopened.append(event('checkout', 3));
    expect((await reopened.read({})).map((e) => e.step)).toEqual([3, 1]);
    await reopened.close();
  });

  it('is read back by a new instance after a restart, and readNew sees other writers', async () => {
    const path = join(dir, 'journal.jsonl');
    const reader = new JournalFile(path);
    expect(await reader.read({})).toEqual([]);
    await reader.readNew();
    const writer = new JournalFile(path);
    await writer.append(event('checkout', 7, { actor: 'bob' }));
    const fresh = await reader.readNew();
    expect(fresh.map((e) => e.actor)).toEqual(['bob']);
    expect(await reader.readNew()).toEqual([]);
    await writer.close();
    expect((await new JournalFile(path).read({}))[0]?.actor).toBe('bob');
  });
});
