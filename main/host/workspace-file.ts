// Reads switchyard.yaml: YAML, then the workspace schema with every platform's targets, with errors that name the file and the field.

import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { WorkspaceError } from '../../app/workspace';
import { environmentProblems } from '../../app/environments/layout';
import { workspaceConfigSchema, type WorkspaceConfig } from '../../adapters/registry';
import { ParsedYamlCache } from './workspace-cache';

export { WorkspaceError } from '../../app/workspace';

/** How a workspace path is shown in messages: relative to the working directory when inside it. */
export function displayPath(path: string): string {
  const abs = resolve(path);
  const rel = relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

/** `cacheDir`: where what the YAML parsed to is kept (main/host/workspace-cache.ts); the schema is checked every time. */
export async function loadWorkspaceFile(path: string, options: { cacheDir?: string } = {}): Promise<WorkspaceConfig> {
  const label = displayPath(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new WorkspaceError(
        `${label}: no such workspace file (pass --workspace PATH, or run "switchyard sandbox" to create a sandbox workspace)`,
      );
    }
    throw new WorkspaceError(`${label}: cannot read (${(error as Error).message})`);
  }
  const cache = options.cacheDir !== undefined ? new ParsedYamlCache(options.cacheDir) : null;
  const cached = await cache?.get(path, text);
  if (cached !== undefined) return validateWorkspace(cached, label);
  const value = parseYaml(text, label);
  await cache?.set(path, text, value);
  return validateWorkspace(value, label);
}

export function parseWorkspaceText(text: string, label: string): WorkspaceConfig {
  return validateWorkspace(parseYaml(text, label), label);
}

/** The YAML as plain values; a syntax error names the file, line and column. */
function parseYaml(text: string, label: string): unknown {
  const doc = parseDocument(text);
  const yamlError = doc.errors[0];
  if (yamlError) {
    const at = yamlError.linePos?.[0];
    const where = at ? `:${at.line}:${at.col}` : '';
    const first = (yamlError.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new WorkspaceError(`${label}${where}: ${first}`);
  }
  return doc.toJS();
}

export function validateWorkspace(value: unknown, label: string): WorkspaceConfig {
  if (value === null || value === undefined) throw new WorkspaceError(`${label}: the file is empty`);
  const parsed = workspaceConfigSchema.safeParse(value);
  if (parsed.success) {
    const problems = environmentProblems(parsed.data);
    if (problems.length > 0) throw new WorkspaceError(problems.map((problem) => `${label}: environments: ${problem}`).join('\n'));
    return parsed.data;
  }
  throw new WorkspaceError(parsed.error.issues.map((issue) => `${label}: ${describeIssue(issue)}`).join('\n'));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
