// Reaching one kubeconfig context: files merged as kubectl does, exec plugins given the login shell's PATH,
// API clients, and a watch cache per namespace. Nothing here blocks: every step is asynchronous.

import type { KubeConfig } from '@kubernetes/client-node';
import { KubeError } from './errors';
import { hasExecUser, withExecPath } from './exec-auth';
import { makeClients, REQUEST_TIMEOUT_MS, type KubeClients } from './kube-clients';
import { contextConfig, kubeconfigPaths, loadKubeconfig } from './kubeconfig';
import { WatchCache } from './watch-cache';

export interface ContextTarget {
  kubeconfig?: string | string[];
  /** Default: the kubeconfig's current context. */
  context?: string;
}

export interface ResolvedContext {
  config: KubeConfig;
  context: string;
  cluster: string;
  server: string;
}

/** Loads the kubeconfig files and cuts out one context; throws naming the files or the context. */
export async function resolveContext(target: ContextTarget, env: Record<string, string | undefined> = process.env): Promise<ResolvedContext> {
  const { config: merged } = await loadKubeconfig(kubeconfigPaths(target.kubeconfig, env));
  const context = target.context ?? merged.getCurrentContext();
  if (!context) throw new Error('the kubeconfig has no current-context; name a context in the workspace target');
  const config = contextConfig(merged, context);
  const cluster = config.getCurrentCluster()!;
  return { config, context, cluster: cluster.name, server: cluster.server };
}

export interface Connection extends ResolvedContext {
  clients: KubeClients;
  caches: Map<string, WatchCache>;
}

export interface ConnectOptions {
  namespaces: string[];
  /** Per API request; default REQUEST_TIMEOUT_MS. */
  requestTimeoutMs?: number;
  /** Cancels every request of the connection (the platform closes). */
  signal?: AbortSignal;
  loginPath: () => Promise<string>;
  /** Watch the namespaces after listing them (default true). */
  watch?: boolean;
  onChange?: () => void;
  onWatchError?: (namespace: string, error: unknown) => void;
}

/** Where a failure happened, for every message: context, cluster and API server. */
export function placeOf(ctx: { context: string; cluster?: string; server?: string }): string {
  return `context "${ctx.context}"${ctx.cluster ? ` (cluster ${ctx.cluster}${ctx.server ? ` at ${ctx.server}` : ''})` : ''}`;
}

export async function connect(resolved: ResolvedContext, options: ConnectOptions): Promise<Connection> {
  // Asking the login shell takes ~100 ms: only exec plugins need its PATH.
  if (hasExecUser(resolved.config)) withExecPath(resolved.config, await options.loginPath());
  const clients = makeClients(resolved.config, { timeoutMs: options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS, signal: options.signal });
  const caches = new Map<string, WatchCache>();
  for (const ns of options.namespaces) {
    caches.set(ns, new WatchCache(clients, ns, { watch: options.watch ?? true, onChange: options.onChange, onError: (_kind, error) => options.onWatchError?.(ns, error) }));
  }
  try {
    await Promise.all([...caches.values()].map((c) => c.start()));
  } catch (error) {
    await Promise.all([...caches.values()].map((c) => c.stop()));
    throw KubeError.of(error, placeOf(resolved));
  }
  return { ...resolved, clients, caches };
}
