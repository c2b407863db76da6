// Finds and reads scenario files: <dir>/<name>.yaml, parsed with `yaml`, validated with zod.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
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
