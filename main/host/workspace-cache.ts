// What a workspace file's YAML parsed to, kept in the data dir with the hash of the text it came from: parsing YAML
// is ~35 ms of every command, and the file rarely changes. One entry per workspace path; a changed file is parsed again.

import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

/** Bumped when the same text would parse to something else (a YAML library upgrade that changes its output). */
const FORMAT = 1;

interface Entry {
  format: number;
  textHash: string;
  value: unknown;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class ParsedYamlCache {
  constructor(private readonly dir: string) {}

  /** The value `text` parsed to before; undefined when it was not cached (or the cache cannot be read). */
  async get(path: string, text: string): Promise<unknown> {
    try {
      const entry = JSON.parse(await readFile(this.entryPath(path), 'utf8')) as Entry;
      return entry.format === FORMAT && entry.textHash === sha256(text) ? entry.value : undefined;
    } catch {
      return undefined;
    }
  }

  /** Keeps what `text` parsed to, when JSON keeps it exactly (not .inf or .nan); never fails the caller. */
  async set(path: string, text: string, value: unknown): Promise<void> {
    const json = JSON.stringify({ format: FORMAT, textHash: sha256(text), value } satisfies Entry);
    if (!isDeepStrictEqual((JSON.parse(json) as Entry).value, value)) return;
    const file = this.entryPath(path);
    const partial = `${file}.${process.pid}.partial`;
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      // A workspace may hold a connection string inline: its copy is readable by its owner only.
      await writeFile(partial, json, { mode: 0o600 });
      await rename(partial, file);
    } catch {
      // A cache that cannot be written only means the next command parses the file again.
    }
  }

  private entryPath(path: string): string {
    return join(this.dir, `${sha256(resolve(path)).slice(0, 16)}.json`);
  }
}
