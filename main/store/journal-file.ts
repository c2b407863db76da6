// The journal as JSON lines: every append is fsync'd before it resolves, and it is never rewritten.

import { mkdir, open, readFile, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { journalEventSchema } from '../../app/api';
import type { Journal } from '../../app/ports';
import type { JournalEvent } from '../../app/release';

export class JournalFile implements Journal {
  private handle: Promise<FileHandle> | null = null;
  private queue: Promise<void> = Promise.resolve();
  private tailOffset = 0;
  private tailStarted = false;

  constructor(readonly path: string) {}

  append(event: JournalEvent): Promise<void> {
    const line = JSON.stringify(event) + '\n';
    const write = this.queue.then(async () => {
      const handle = await this.open();
      // One write per line on an O_APPEND handle: lines from other processes never interleave.
      await handle.write(line);
      await handle.sync();
    });
    this.queue = write.catch(() => undefined);
    return write;
  }

  async read(filter: { serviceId?: string; limit?: number }): Promise<JournalEvent[]> {
    const text = await readText(this.path);
    const events = parseLines(text).filter((e) => !filter.serviceId || e.serviceId === filter.serviceId);
    events.reverse();
    return filter.limit === undefined ? events : events.slice(0, filter.limit);
  }

  /** Events appended (by any process) since the previous call, oldest first; the first call only marks the end. */
  async readNew(): Promise<JournalEvent[]> {
    let size: number;
    try {
      size = (await stat(this.path)).size;
    } catch {
      this.tailStarted = true;
      return [];
    }
    if (!this.tailStarted) {
      this.tailStarted = true;
      this.tailOffset = size;
      return [];
    }
    if (size <= this.tailOffset) return [];
    const handle = await open(this.path, 'r');
    try {
      const buffer = Buffer.alloc(size - this.tailOffset);
      await handle.read(buffer, 0, buffer.length, this.tailOffset);
      const text = buffer.toString('utf8');
      const complete = text.lastIndexOf('\n') + 1;
      this.tailOffset += Buffer.byteLength(text.slice(0, complete));
      return parseLines(text.slice(0, complete));
    } finally {
      await handle.close();
    }
  }

  async close(): Promise<void> {
    await this.queue;
    const handle = this.handle;
    this.handle = null;
    if (handle) await (await handle).close();
  }

  private open(): Promise<FileHandle> {
    this.handle ??= (async () => {
      await mkdir(dirname(this.path), { recursive: true });
      const handle = await open(this.path, 'a+');
      // A crash mid-write can leave a torn last line; start the next event on a line of its own.
      const { size } = await handle.stat();
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) await handle.write('\n');
      }
      return handle;
    })();
    return this.handle;
  }
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

/** Parses JSON lines, skipping torn or foreign lines rather than losing the rest of the journal. */
function parseLines(text: string): JournalEvent[] {
  const events: JournalEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    const parsed = journalEventSchema.safeParse(value);
    if (parsed.success) events.push(parsed.data);
  }
  return events;
}
