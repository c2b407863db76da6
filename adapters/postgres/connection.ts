// Where a service's connection string comes from (inline, a file, an environment variable) and how to name it safely.

import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { DatabaseConfig } from '../../app/schema/config';

/** What the view may say about the database: its source, never the string itself (it may carry a password). */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.env !== undefined) return `environment variable ${config.env}`;
  if (config.file !== undefined) return `file ${config.file}`;
  return 'connection string in the workspace';
}

export async function connectionString(config: DatabaseConfig, baseDir: string): Promise<string> {
  if (config.url !== undefined) return config.url;
  if (config.env !== undefined) {
    const value = process.env[config.env]?.trim();
    if (!value) throw new Error(`environment variable ${config.env} (the database's connection string) is not set`);
    return value;
  }
  const path = isAbsolute(config.file!) ? config.file! : resolve(baseDir, config.file!);
  try {
    const value = (await readFile(path, 'utf8')).trim();
    if (!value) throw new Error('it is empty');
    return value;
  } catch (error) {
    throw new Error(`the database's connection string cannot be read from ${config.file}: ${(error as Error).message}`);
  }
}
