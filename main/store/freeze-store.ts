// Stopped lines on disk (environments.json in the state dir): every process of the workspace reads the same file.

import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { freezeSchema, type Freeze } from '../../app/environments/schema';
import { writeFileAtomic } from './atomic-file';

/** `world`: the sandbox world's epoch the file belongs to (null outside the sandbox); another world's freezes are gone. */
const fileSchema = z.object({ world: z.number().nullable(), frozen: z.record(z.string(), freezeSchema) });

export class FreezeStore {
  constructor(
    readonly file: string,
    private readonly world: number | null,
  ) {}

  /** The stopped lines by environment; a missing file (or another world's) stops none. */
  async load(): Promise<Record<string, Freeze>> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new Error(`cannot read ${this.file}: ${(error as Error).message}`);
    }
    const parsed = fileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${this.file} is not a freeze file; fix or remove it`);
    return parsed.data.world === this.world ? parsed.data.frozen : {};
  }

  async save(frozen: Record<string, Freeze>): Promise<void> {
    await writeFileAtomic(this.file, `${JSON.stringify({ world: this.world, frozen }, null, 2)}\n`);
  }
}
