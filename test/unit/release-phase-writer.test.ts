// The release machine is the one writer of a release's phase: no other product code sets it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
/** The machine: app/release/ minus the model, words and facts it is built on. */
const MACHINE = ['machine.ts', 'plan-run.ts', 'endings.ts', 'pauses.ts', 'take-up.ts', 'flag-run.ts'].map((file) => `app/release/${file}`);
/** A phase given a value (an object literal's key or an assignment), not a type that names phases (`'A' | 'B'`). */
const WRITES_PHASE = /\bphase\s*[:=]\s*'(Pending|Progressing|Paused|Promoted|RolledBack|Failed)'(?!\s*\|)/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the release machine', () => {
  it('is the only code that writes a release phase (in the layers that hold releases)', () => {
    const writers = ['app', 'main', 'renderer']
      .flatMap((layer) => sources(join(root, layer)))
      .filter((file) => WRITES_PHASE.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file))
      .sort();
    expect(writers).toEqual([...MACHINE].sort());
  });
});
