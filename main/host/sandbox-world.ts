// A sandbox world is recreated on every `switchyard sandbox` run: the state dir says which world it belongs to now
// (world.json), releases of an earlier world are archived, and each release file names the world it belongs to.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Workspace } from '../../app/workspace';
import type { WorldBinding } from '../store/release-store';

interface WorldMarker {
  epochMs: number;
  id?: string;
}

export function sandboxWorldId(epochMs: number): string {
  return `sandbox-${epochMs}`;
}

/** "sandbox world started 2025-06-01T10:00:00.000Z (sandbox-1748772000000)", or the id of a workspace. */
export function describeWorld(id: string): string {
  const epoch = /^sandbox-(\d+)$/.exec(id)?.[1];
  return epoch ? `sandbox world started ${new Date(Number(epoch)).toISOString()} (${id})` : id;
}

/** The world the state dir under `root` belongs to now, from its marker; null without one. */
export async function currentWorld(root: string): Promise<string | null> {
  let marker: Partial<WorldMarker>;
  try {
    marker = JSON.parse(await readFile(join(root, 'world.json'), 'utf8')) as Partial<WorldMarker>;
  } catch {
    return null;
  }
  if (typeof marker.id === 'string') return marker.id;
  return typeof marker.epochMs === 'number' ? sandboxWorldId(marker.epochMs) : null;
}

/** The identity a host's releases carry: its sandbox world (checked against the marker before every save), or its workspace. */
export function worldBinding(root: string, workspace: Workspace): WorldBinding {
  if (!workspace.sandbox) return { id: `workspace:${workspace.name}`, current: async () => null, describe: describeWorld };
  return { id: sandboxWorldId(workspace.sandbox.epochMs), current: () => currentWorld(root), describe: describeWorld };
}

/** Claims the state dir for this world (its epochMs) and moves `releases/` aside when it last served a different world. */
export async function prepareSandboxState(root: string, releasesDir: string, epochMs: number): Promise<void> {
  const id = sandboxWorldId(epochMs);
  const previous = await currentWorld(root);
  if (previous === id) return;
  // The marker first: a host of the old world still running refuses to save from here on.
  await mkdir(join(root, 'archive'), { recursive: true });
  await writeFile(join(root, 'world.json'), JSON.stringify({ epochMs, id } satisfies WorldMarker) + '\n');
  const label = previous ? previous.replace(/^sandbox-/, '') : 'unknown';
  await rename(releasesDir, join(root, 'archive', `releases-world-${label}-${Date.now()}`)).catch(() => undefined);
}
