// The journal as JSON lines: every append is fsync'd before it resolves, it is never rewritten, and a failed write
// drops its file handle so the next append reopens the file once the fault has cleared.

import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { JournalHealth } from '../../app/api';
import type { Journal } from '../../app/ports';
import type { JournalEvent } from '../../app/release';
import { corruptSidePath, keepCorruptLines } from './journal-corrupt';
import { JournalHealthTracker } from './journal-health';
import { parseJournalText, type CorruptLine } from './journal-lines';

/** Ids of this instance's own appends remembered for the tail (readNew) to skip; a bound against a tail never read. */
const OWN_IDS_KEPT = 10_000;

interface OpenJournal {
  handle: FileHandle;
  dev: number;
  ino: number;
  /** Whether the file was checked to end with a whole line since it was opened. */
  lineStart: boolean;
}

export interface JournalScan {
  /** Oldest first. */
  events: JournalEvent[];
  corrupt: CorruptLine[];
  /** Why the journal could not be read at all, when it could not. */
  unreadable: string | null;
}

export class JournalWriteError extends Error {
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`the journal ${path} cannot be written: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'JournalWriteError';
  }
}

export class JournalFile implements Journal {
  private file: OpenJournal | null = null;
  private queue: Promise<void> = Promise.resolve();
  private tailOffset = 0;
  private tailStarted = false;
  private readonly ownIds = new Set<string>();
  private readonly appendListeners = new Set<(event: JournalEvent) => void>();
  private readonly tracker: JournalHealthTracker;

  constructor(readonly path: string) {
    this.tracker = new JournalHealthTracker(path);
  }

  /** Resolves once the event (stamped with an id) is durable; listeners hear of it then, before the caller does. */
  append(event: JournalEvent): Promise<void> {
    const stamped: JournalEvent = event.id ? event : { id: randomUUID(), ...event };
    const line = JSON.stringify(stamped) + '\n';
    return this.serially(async () => {
      try {
        const file = await this.current();
        if (!file.lineStart) await startOnNewLine(file);
        // One write per line on an O_APPEND handle: lines from other processes never interleave.
        const { bytesWritten } = await file.handle.write(line);
        const length = Buffer.byteLength(line);
        if (bytesWritten !== length) throw new Error(`only ${bytesWritten} of ${length} bytes were written (is the disk full?)`);
        await file.handle.sync();
      } catch (error) {
        await this.drop(error);
        this.tracker.failed(error);
        throw new JournalWriteError(this.path, error);
      }
      this.tracker.ok();
      this.remember(stamped.id!);
      // The event is durable whatever a listener does: its failure must not turn the append into a failure.
      for (const listener of [...this.appendListeners]) {
        try {
          listener(stamped);
        } catch {
          /* the listener's own problem */
        }
      }
    });
  }

  /** Called with each event this instance appended, as soon as it is durable. */
  onAppend(listener: (event: JournalEvent) => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  health(): JournalHealth {
    return this.tracker.get();
  }

  onHealth(listener: (health: JournalHealth) => void): () => void {
    return this.tracker.onChange(listener);
  }

  /** At start-up: whether the file can be opened for append (no write); the health says what was found. */
  checkWritable(): Promise<JournalHealth> {
    return this.serially(async () => {
      try {
        await this.current();
        this.tracker.ok();
      } catch (error) {
        await this.drop(error);
        this.tracker.failed(error);
      }
      return this.tracker.get();
    });
  }

  async read(filter: { serviceId?: string; limit?: number }): Promise<JournalEvent[]> {
    const events = parseJournalText(await readText(this.path)).events.filter((e) => !filter.serviceId || e.serviceId === filter.serviceId);
    events.reverse();
    return filter.limit === undefined ? events : events.slice(0, filter.limit);
  }

  /**
   * Reads the whole journal once (at start-up): its events, and the lines that are not events. Those are reported in
   * the health and copied, with their line numbers, into a side file next to the journal; the journal is left as it is.
   */
  async scan(): Promise<JournalScan> {
    let text: string;
    try {
      text = await readText(this.path);
    } catch (error) {
      // The host still starts (and says why the history is missing); its health says whether it can write.
      return { events: [], corrupt: [], unreadable: `the journal ${this.path} cannot be read: ${(error as Error).message}` };
    }
    const { events, corrupt } = parseJournalText(text);
    const side = corruptSidePath(this.path);
    let keptIn: string | null = corrupt.length > 0 ? side : null;
    try {
      await keepCorruptLines(side, corrupt);
    } catch {
      keptIn = null;
    }
    this.tracker.corruptLines(
      corrupt.map((c) => c.line),
      keptIn,
    );
    return { events, corrupt, unreadable: null };
  }

  /**
   * Events other processes (or other instances) appended since the previous call, oldest first; this instance's own
   * appends reach onAppend listeners instead. The first call only marks the end.
   */
  readNew(): Promise<JournalEvent[]> {
    return this.serially(async () => {
      let size: number;
      try {
        size = (await stat(this.path)).size;
      } catch {
        this.tailStarted = true;
        return [];
      }
      if (!this.tailStarted || size < this.tailOffset) {
        // First look, or the file was replaced by a shorter one: what is there now is the starting point.
        this.tailStarted = true;
        this.tailOffset = size;
        this.ownIds.clear();
        return [];
      }
      if (size === this.tailOffset) return [];
      const handle = await open(this.path, 'r');
      try {
        const buffer = Buffer.alloc(size - this.tailOffset);
        await handle.read(buffer, 0, buffer.length, this.tailOffset);
        const complete = buffer.lastIndexOf(0x0a) + 1;
        this.tailOffset += complete;
        const events = parseJournalText(buffer.subarray(0, complete).toString('utf8')).events;
        return events.filter((e) => !(e.id !== undefined && this.ownIds.delete(e.id)));
      } finally {
        await handle.close();
      }
    });
  }

  async close(): Promise<void> {
    await this.queue;
    const file = this.file;
    this.file = null;
    if (file) await file.handle.close();
  }

  /** Runs after everything queued before it; a failure is the caller's and does not stop what comes next. */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** The open journal, reopened when there is none (a write failed) or the path now names another file. */
  private async current(): Promise<OpenJournal> {
    if (this.file) {
      // The file may have been moved aside or replaced: keep following the path, never an orphaned inode.
      const onPath = await stat(this.path).catch(() => null);
      if (onPath && onPath.ino === this.file.ino && onPath.dev === this.file.dev) return this.file;
      const stale = this.file;
      this.file = null;
      await stale.handle.close().catch(() => undefined);
    }
    await mkdir(dirname(this.path), { recursive: true });
    const handle = await open(this.path, 'a+');
    try {
      const { dev, ino } = await handle.stat();
      this.file = { handle, dev, ino, lineStart: false };
      return this.file;
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
  }

  /** Forgets the handle after a failed write; the next append opens the file again. */
  private async drop(error: unknown): Promise<void> {
    const file = this.file;
    this.file = null;
    // EBADF: the descriptor is gone already; closing its number again could close another file's.
    if (file && (error as NodeJS.ErrnoException).code !== 'EBADF') await file.handle.close().catch(() => undefined);
  }

  private remember(id: string): void {
    if (!this.tailStarted) return;
    this.ownIds.add(id);
    if (this.ownIds.size > OWN_IDS_KEPT) this.ownIds.delete(this.ownIds.values().next().value!);
  }
}

/** A crash (or a short write) can leave a torn last line; the next event starts on a line of its own. */
async function startOnNewLine(file: OpenJournal): Promise<void> {
  const { size } = await file.handle.stat();
  if (size > 0) {
    const last = Buffer.alloc(1);
    await file.handle.read(last, 0, 1, size - 1);
    if (last[0] !== 0x0a) {
      const { bytesWritten } = await file.handle.write('\n');
      if (bytesWritten !== 1) throw new Error('could not end the torn last line (is the disk full?)');
    }
  }
  file.lineStart = true;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}
