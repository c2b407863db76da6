// A migration's SQL files: read relative to the workspace file, with the sha256 the table records.

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';

export interface SqlFile {
  path: string;
  sql: string;
  checksum: string;
}

export async function readSql(baseDir: string, path: string): Promise<SqlFile> {
  const full = isAbsolute(path) ? path : resolve(baseDir, path);
  let sql: string;
  try {
    sql = await readFile(full, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return { path, sql, checksum: createHash('sha256').update(sql).digest('hex') };
}

/** Refusal text when a file's content differs from what was applied; null when it is the same (or never applied). */
export function changedSince(file: SqlFile, recorded: string | null, phase: string): string | null {
  if (recorded === null || recorded === file.checksum) return null;
  return `${file.path} changed after it was applied (${phase}: sha256 ${recorded.slice(0, 12)}…, now ${file.checksum.slice(0, 12)}…); put the applied version back or write a new migration`;
}
