// The switchyard package root: resources/ and out/ are resolved from here, in bundles and in tests alike.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const cache = new Map<string, string>();

function isSwitchyardPackage(dir: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown };
    return manifest.name === 'switchyard';
  } catch {
    return false;
  }
}

/** The nearest directory at or above `start` whose package.json is named "switchyard". */
export function packageRoot(start: string = __dirname): string {
  const cached = cache.get(start);
  if (cached) return cached;
  let dir = start;
  for (;;) {
    if (isSwitchyardPackage(dir)) {
      cache.set(start, dir);
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Could not find the switchyard package (package.json named "switchyard") at or above ${start}`);
    dir = parent;
  }
}
