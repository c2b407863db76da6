// The journal says whether it can be written, reports its corrupt lines, and hands its own appends to listeners.
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalHealth } from '../../app/api';
import type { JournalEvent } from '../../app/release';
import { JournalFile } from '../../main/store/journal-file';

function event(n: number, extra: Partial<JournalEvent> = {}): JournalEvent {
  return {
    at: new Date(Date.UTC(2025, 0, 1, 12, 0, n)).toISOString(),
    actor: 'alice',
    serviceId: 'checkout',
    releaseId: 'checkout-r1',
    action: 'step',
    stage: 'done',
    reason: null,
    splitBefore: null,
    splitAfter: null,
    step: n,
    firing: null,
    message: null,
    ...extra,
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sy-journal-health-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('journal health', () => {
  it('is unhealthy from the first failed write (with the error and since when) until the next append succeeds', async () => {
    const path = join(dir, 'journal.jsonl');
    const journal = new JournalFile(path);
    const seen: JournalHealth[] = [];
    journal.onHealth((h) => seen.push(h));
    expect((await journal.checkWritable()).writable).toBe(true);
    await journal.append(event(1));
    expect(seen).toEqual([]);

    rmSync(path);
    mkdirSync(path); // the journal's path now names a directory
    await expect(journal.append(event(2))).rejects.toThrow(/the journal .*journal\.jsonl cannot be written: EISDIR/);
    const broken = journal.health();
    expect(broken).toMatchObject({ path, writable: false, error: expect.stringMatching(/EISDIR/) });
    await new Promise((r) => setTimeout(r, 5));
    await expect(journal.append(event(3))).rejects.toThrow();
    expect(journal.health().since).toBe(broken.since);
    expect(seen).toHaveLength(1);

    rmSync(path, { recursive: true });
    await journal.append(event(4));
    expect(journal.health()).toMatchObject({ writable: true, error: null });
    expect(Date.parse(journal.health().since)).toBeGreaterThan(Date.parse(broken.since));
    expect(seen.map((h) => h.writable)).toEqual([false, true]);
    await journal.close();
  });

  it('checks at start-up that the file can be opened for append, without writing anything', async () => {
    const path = join(dir, 'journal.jsonl');
    mkdirSync(path);
    const journal = new JournalFile(path);
    expect(await journal.checkWritable()).toMatchObject({ writable: false, error: expect.stringMatching(/EISDIR/) });
    rmSync(path, { recursive: true });
    writeFileSync(path, JSON.stringify(event(1)).slice(0, 30)); // a torn line: the check leaves it as it is
    expect(await journal.checkWritable()).toMatchObject({ writable: true, error: null });
    expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(event(1)).slice(0, 30));
    await journal.close();
  });
});

describe('journal listeners and tail', () => {
  it('hands each own append (with its id) to listeners once durable; the tail returns only other writers’ events', async () => {
    const path = join(dir, 'journal.jsonl');
    const window = new JournalFile(path);
    const cli = new JournalFile(path);
    const heard: JournalEvent[] = [];
    window.onAppend((e) => heard.push(e));
    await window.readNew(); // marks the end
    await window.append(event(1, { actor: 'window' }));
    await cli.append(event(2, { actor: 'cli' }));
    await window.append(event(3, { actor: 'window' }));
    expect(heard.map((e) => e.step)).toEqual([1, 3]);
    expect(heard.every((e) => typeof e.id === 'string' && e.id.length > 0)).toBe(true);
    const tailed = await window.readNew();
    expect(tailed.map((e) => [e.step, e.actor])).toEqual([[2, 'cli']]);
    expect(await window.readNew()).toEqual([]);
    const ids = (await window.read({})).map((e) => e.id);
    expect(new Set(ids).size).toBe(3);
    await window.close();
    await cli.close();
  });
});

describe('corrupt journal lines', () => {
  it('are counted with their line numbers at start-up, torn last line included, and copied aside; the journal is left as it is', async () => {
    const path = join(dir, 'journal.jsonl');
    const good = (n: number) => JSON.stringify(event(n)) + '\n';
    const text = good(1) + 'garbage from an editor\n' + good(3) + JSON.stringify({ at: 'x' }) + '\n' + good(5) + good(6).slice(0, 25);
    writeFileSync(path, text);
    const journal = new JournalFile(path);
    const scan = await journal.scan();
    expect(scan.events.map((e) => e.step)).toEqual([1, 3, 5]);
    expect(scan.corrupt.map((c) => c.line)).toEqual([2, 4, 6]);
    expect(scan.corrupt[2]?.problem).toMatch(/torn last line/);
    const side = join(dir, 'journal.corrupt.jsonl');
    expect(journal.health().corrupt).toEqual({ count: 3, lines: [2, 4, 6], keptIn: side });
    const kept = readFileSync(side, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: number; text: string });
    expect(kept.map((k) => [k.line, k.text])).toEqual([
      [2, 'garbage from an editor'],
      [4, JSON.stringify({ at: 'x' })],
      [6, good(6).slice(0, 25)],
    ]);
    expect(readFileSync(path, 'utf8')).toBe(text);

    // A later start-up finds the same lines and leaves the side file alone.
    const before = statSync(side).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    expect((await new JournalFile(path).scan()).corrupt.map((c) => c.line)).toEqual([2, 4, 6]);
    expect(statSync(side).mtimeMs).toBe(before);

    // Appends go on after the torn line, which stays a corrupt line of its own.
    await journal.append(event(7));
    await journal.close();
    const again = new JournalFile(path);
    expect((await again.scan()).corrupt.map((c) => c.line)).toEqual([2, 4, 6]);
    expect((await again.read({})).map((e) => e.step)).toEqual([7, 5, 3, 1]);
    await again.close();
  });

  it('reports nothing and writes no side file for a clean journal', async () => {
    const path = join(dir, 'journal.jsonl');
    appendFileSync(path, JSON.stringify(event(1)) + '\n');
    const journal = new JournalFile(path);
    expect((await journal.scan()).corrupt).toEqual([]);
    expect(journal.health().corrupt).toEqual({ count: 0, lines: [], keptIn: null });
    expect(() => statSync(join(dir, 'journal.corrupt.jsonl'))).toThrow();
  });
});
