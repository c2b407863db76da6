// Where a workspace keeps its journal, releases and locks inside the user's data directory.

import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';

/** `<dataDir>/workspaces/<name>-<first 8 hex of sha256(absolute workspace path)>`, or `-embedded` without a file. */
export function workspaceStateDir(dataDir: string, workspaceName: string, workspacePath: string | null): string {
  const suffix = workspacePath ? createHash('sha256').update(resolve(workspacePath)).digest('hex').slice(0, 8) : 'embedded';
  return join(dataDir, 'workspaces', `${workspaceName}-${suffix}`);
}

/** `<dataDir>/cache/workspaces`: what each workspace file's YAML parsed to (main/host/workspace-cache.ts). */
export function workspaceCacheDir(dataDir: string): string {
  return join(dataDir, 'cache', 'workspaces');
}

export interface StatePaths {
  root: string;
  journal: string;
  releases: string;
  locks: string;
}

export function statePaths(root: string): StatePaths {
  return { root, journal: join(root, 'journal.jsonl'), releases: join(root, 'releases'), locks: join(root, 'locks') };
}
