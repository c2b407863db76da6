// Kubeconfig files as kubectl reads them: KUBECONFIG's files merged, the first file to name a cluster, user or context wins.

import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';

export interface LoadedKubeconfig {
  config: KubeConfig;
  /** The files that were read, in merge order. */
  files: string[];
}

/** The files kubectl would read: the explicit paths, else $KUBECONFIG (split on the path delimiter), else ~/.kube/config. */
export function kubeconfigPaths(explicit: string | string[] | undefined, env: Record<string, string | undefined> = process.env, home = homedir()): string[] {
  const given = explicit === undefined ? [] : Array.isArray(explicit) ? explicit : [explicit];
  const listed = given.length > 0 ? given.flatMap((p) => p.split(delimiter)) : (env.KUBECONFIG ?? '').split(delimiter);
  const paths = [...new Set(listed.map((p) => p.trim()).filter((p) => p.length > 0))];
  return paths.length > 0 ? paths : [join(home, '.kube', 'config')];
}

/** Reads and merges the files; like kubectl, files that do not exist are skipped, but none existing is an error. */
export async function loadKubeconfig(paths: string[]): Promise<LoadedKubeconfig> {
  const configs: KubeConfig[] = [];
  const files: string[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new Error(`cannot read kubeconfig ${path}: ${(error as Error).message}`, { cause: error });
    }
    const config = new KubeConfig();
    try {
      config.loadFromString(text);
    } catch (error) {
      throw new Error(`kubeconfig ${path} is not valid: ${(error as Error).message}`, { cause: error });
    }
    config.makePathsAbsolute(dirname(path));
    configs.push(config);
    files.push(path);
  }
  if (configs.length === 0) throw new Error(`no kubeconfig found (looked at ${paths.join(', ')})`);
  return { config: mergeKubeconfigs(configs), files };
}

/** kubectl's merge: per name, the first definition wins; the first non-empty current-context wins. */
export function mergeKubeconfigs(configs: KubeConfig[]): KubeConfig {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let current = '';
  for (const config of configs) {
    for (const c of config.clusters) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of config.users) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of config.contexts) if (!contexts.has(c.name)) contexts.set(c.name, c);
    if (!current && config.currentContext) current = config.currentContext;
  }
  const merged = new KubeConfig();
  merged.loadFromOptions({ clusters: [...clusters.values()], users: [...users.values()], contexts: [...contexts.values()], currentContext: current });
  return merged;
}

export interface ContextInfo {
  name: string;
  cluster: string;
  user: string;
  namespace: string | null;
  /** The cluster's API server URL, or null when the context names a cluster the files do not define. */
  server: string | null;
  current: boolean;
}

/** Every context, without connecting to any. */
export function listContexts(config: KubeConfig): ContextInfo[] {
  return config.getContexts().map((c) => ({
    name: c.name,
    cluster: c.cluster,
    user: c.user,
    namespace: c.namespace ?? null,
    server: config.getCluster(c.cluster)?.server ?? null,
    current: c.name === config.getCurrentContext(),
  }));
}

/** A KubeConfig of its own for one context: its own authenticators, so exec credentials are cached per target. */
export function contextConfig(merged: KubeConfig, contextName: string): KubeConfig {
  const context = merged.getContextObject(contextName);
  if (!context) {
    const known = merged.getContexts().map((c) => c.name);
    throw new Error(`kubeconfig has no context "${contextName}" (contexts: ${known.join(', ') || 'none'})`);
  }
  const cluster = merged.getCluster(context.cluster);
  if (!cluster) throw new Error(`context "${contextName}" names cluster "${context.cluster}", which no kubeconfig file defines`);
  const user = merged.getUser(context.user);
  if (!user) throw new Error(`context "${contextName}" names user "${context.user}", which no kubeconfig file defines`);
  const config = new KubeConfig();
  config.loadFromOptions({ clusters: [cluster], users: [user], contexts: [context], currentContext: context.name });
  return config;
}
