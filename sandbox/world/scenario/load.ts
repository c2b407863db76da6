// Finds and reads scenario files: <dir>/<name>.yaml, parsed with `yaml`, validated with zod.

import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { scenarioSchema, type Scenario } from './schema';

export async function listScenarioNames(dir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    throw new Error(`cannot read the scenarios folder ${dir}: ${(error as Error).message}`);
  }
  return entries
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => f.replace(/\.ya?ml$/, ''))
    .sort();
}

export async function loadScenario(dir: string, name: string): Promise<Scenario> {
  const names = await listScenarioNames(dir);
  if (!names.includes(name)) {
    throw new Error(`Unknown scenario "${name}"; available scenarios: ${names.join(', ') || `none in ${dir}`}`);
  }
  const file = (await readdir(dir)).find((f) => f === `${name}.yaml` || f === `${name}.yml`) ?? `${name}.yaml`;
  const path = join(dir, file);
  let data: unknown;
  try {
    data = parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`scenario ${path} is not valid YAML: ${(error as Error).message}`);
  }
  const result = scenarioSchema.safeParse(data);
  if (!result.success) throw new Error(`scenario ${path} is invalid:\n${z.prettifyError(result.error)}`);
  return result.data;
}

/** resources/scenarios under the working directory, else under a folder above this module. */
export function defaultScenariosDir(): string {
  const candidates = [resolve(process.cwd(), 'resources', 'scenarios')];
  const here = moduleDir();
  for (let dir = here; dir && dirname(dir) !== dir; dir = dirname(dir)) candidates.push(join(dir, 'resources', 'scenarios'));
  const found = candidates.find((dir) => existsSync(dir));
  if (!found) throw new Error(`cannot find the scenarios folder (looked in ${candidates.join(', ')}); pass scenariosDir`);
  return found;
}

function moduleDir(): string | null {
  try {
    return dirname(fileURLToPath(import.meta.url));
  } catch {
    return null;
  }
}
