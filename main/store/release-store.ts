// Releases on disk: one JSON file per service holding its latest release (and the world it belongs to), replaced atomically.

import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { releaseSchema } from '../../app/api';
import type { ReleaseStore } from '../../app/ports';
import type { Release } from '../../app/release';
import { writeFileAtomic } from './atomic-file';

export interface StoreProblem {
  file: string;
  message: string;
}

export class RevisionConflictError extends Error {
  constructor(release: Release, readonly onDiskRevision: number) {
    super(
      `${release.serviceId}'s release was changed by another Switchyard process (revision ${onDiskRevision} is on disk, ` +
        `this one is ${release.revision}); reload and try again`,
    );
    this.name = 'RevisionConflictError';
  }
}

/** The world (a sandbox epoch, or a workspace) a store's releases belong to. */
export interface WorldBinding {
  /** Written into every release file; a file of another world is ignored (and reported) when loading. */
  id: string;
  /** The world the state dir belongs to now (null: no marker), read before every save. */
  current(): Promise<string | null>;
  /** How an operator reads an id. */
  describe(id: string): string;
}

export class WorldReplacedError extends Error {
  constructor(
    readonly mine: string,
    readonly now: string,
    describe: (id: string) => string,
  ) {
    super(
      `this state dir belongs to another sandbox world now (${describe(now)}); this process belongs to ${describe(mine)}, ` +
        'which was replaced: it saves no release there and stops driving; restart it against the new world',
    );
    this.name = 'WorldReplacedError';
  }
}

export type LoadResult = { release: Release } | { problem: StoreProblem } | null;

export class ReleaseStoreFile implements ReleaseStore {
  private readonly problemsByFile = new Map<string, StoreProblem>();

  constructor(
    readonly dir: string,
    private readonly onProblem: (problem: StoreProblem) => void = () => undefined,
    readonly world: WorldBinding | null = null,
  ) {}

  /** The world that replaced this store's world in its state dir, or null while it is still this one's. */
  async replacedBy(): Promise<string | null> {
    if (!this.world) return null;
    const now = await this.world.current();
    return now !== null && now !== this.world.id ? now : null;
  }

  fileOf(serviceId: string): string {
    return join(this.dir, `${serviceId}.json`);
  }

  /** The service whose release a file in the store's dir holds (the inverse of fileOf), or null for another file. */
  serviceOf(fileName: string): string | null {
    return fileName.endsWith('.json') ? fileName.slice(0, -'.json'.length) : null;
  }

  /** Every release that loads; a corrupt file is reported through onProblem / problems() and skipped. */
  async loadAll(): Promise<Release[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const releases: Release[] = [];
    for (const name of names.filter((n) => this.serviceOf(n) !== null).sort()) {
      const result = await this.loadFile(join(this.dir, name));
      if (result && 'release' in result) releases.push(result.release);
    }
    return releases;
  }

  async load(serviceId: string): Promise<Release | null> {
    const result = await this.loadFile(this.fileOf(serviceId));
    return result && 'release' in result ? result.release : null;
  }

  problems(): StoreProblem[] {
    return [...this.problemsByFile.values()];
  }

  /** Refuses to overwrite a revision of the same release that another process already wrote. */
  async save(release: Release): Promise<void> {
    const replacedBy = await this.replacedBy();
    if (replacedBy !== null && this.world) throw new WorldReplacedError(this.world.id, replacedBy, this.world.describe);
    await mkdir(this.dir, { recursive: true });
    const file = this.fileOf(release.serviceId);
    const onDisk = await this.loadFile(file);
    if (onDisk && 'release' in onDisk && onDisk.release.id === release.id && onDisk.release.revision >= release.revision) {
      throw new RevisionConflictError(release, onDisk.release.revision);
    }
    const tagged = this.world ? { world: this.world.id, ...release } : release;
    await writeFileAtomic(file, JSON.stringify(tagged, null, 2) + '\n');
    this.problemsByFile.delete(file);
  }

  private async loadFile(file: string): Promise<LoadResult> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      return this.problem(file, (error as Error).message);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return this.problem(file, `not valid JSON (${(error as Error).message})`);
    }
    const world = (value as { world?: unknown } | null)?.world;
    if (this.world && typeof world === 'string' && world !== this.world.id) {
      return this.problem(file, `belongs to ${this.world.describe(world)}, not to ${this.world.describe(this.world.id)}; ignored`);
    }
    const parsed = releaseSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return this.problem(file, `not a release (${where}${issue?.message ?? 'invalid'})`);
    }
    this.problemsByFile.delete(file);
    return { release: parsed.data };
  }

  private problem(file: string, message: string): LoadResult {
    const problem = { file, message: `${file}: ${message}` };
    const known = this.problemsByFile.get(file);
    this.problemsByFile.set(file, problem);
    if (known?.message !== problem.message) this.onProblem(problem);
    return { problem };
  }
}
