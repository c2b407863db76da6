// A sandbox world is recreated on every `switchyard sandbox` run; releases of an earlier world are archived.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

interface WorldMarker {
  epochMs: number;
}

/** Moves `releases/` aside when the state dir last served a different world (its epochMs differs). */
export async function prepareSandboxState(root: string, releasesDir: string, epochMs: number): Promise<void> {
  const markerPath = join(root, 'world.json');
  let marker: WorldMarker | null = null;
  try {
    marker = JSON.parse(await readFile(markerPath, 'utf8')) as WorldMarker;
  } catch {
    marker = null;
  }
  if (marker?.epochMs === epochMs) return;
  await mkdir(join(root, 'archive'), { recursive: true });
  const label = marker && typeof marker.epochMs === 'number' ? String(marker.epochMs) : 'unknown';
  await rename(releasesDir, join(root, 'archive', `releases-world-${label}-${Date.now()}`)).catch(() => undefined);
  await writeFile(markerPath, JSON.stringify({ epochMs } satisfies WorldMarker) + '\n');
}
