// Kubernetes targets that name several kubeconfig contexts (`contexts: all` or a list) → one target per context.
// The kubeconfig files are read (merged as kubectl merges KUBECONFIG) but no cluster is contacted: only the current
// context connects at start (when the target says `connect: start`); every other context connects when opened.

import { WorkspaceError } from '../../app/workspace';
import type { ExpandContext } from '../platform-module';
import { kubeconfigPaths, listContexts, loadKubeconfig, type ContextInfo } from './kubeconfig';
import type { KubernetesTargetConfig } from './target-schema';

function idPart(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '-');
}

function k8sNamespace(value: string | null): string | null {
  return value && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(value) ? value : null;
}

export function expandKubeTarget(target: KubernetesTargetConfig, contexts: ContextInfo[], label: string): KubernetesTargetConfig[] {
  const where = `${label}: target ${target.id}`;
  if (target.context) throw new WorkspaceError(`${where}: give either context or contexts, not both`);
  const known = new Map(contexts.map((c) => [c.name, c]));
  const wanted = target.contexts === 'all' ? contexts.map((c) => c.name) : [...new Set(target.contexts)];
  if (wanted.length === 0) throw new WorkspaceError(`${where}: contexts: all, but the kubeconfig has no context`);
  const unknown = wanted.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new WorkspaceError(`${where}: the kubeconfig has no context ${unknown.map((n) => `"${n}"`).join(', ')} (contexts: ${[...known.keys()].join(', ') || 'none'})`);
  }
  const { contexts: _all, ...base } = target;
  return wanted.map((name) => {
    const info = known.get(name)!;
    const suffix = idPart(name);
    const id = `${target.id}-${suffix}`.slice(0, 63);
    return {
      ...base,
      id,
      name: `${target.name ?? target.id} (${name})`,
      context: name,
      // A namespace the context names wins over the target's default, as kubectl does.
      namespace: k8sNamespace(info.namespace) ?? target.namespace,
      connect: info.current ? target.connect : 'open',
      services: target.services.map((service) => ({ ...service, id: `${service.id}-${suffix}`.slice(0, 63), name: `${service.name ?? service.id} (${name})` })),
    };
  });
}

/** A target with `contexts` → one target per context; null for a target of one context. The kubeconfig is read only then. */
export async function expandKubeContexts(target: KubernetesTargetConfig, { label, env }: ExpandContext): Promise<KubernetesTargetConfig[] | null> {
  if (!target.contexts) return null;
  let contexts: ContextInfo[];
  try {
    const { config } = await loadKubeconfig(kubeconfigPaths(target.kubeconfig, env));
    // A context whose cluster or user no file defines is listed too; connecting says why it cannot.
    contexts = listContexts(config);
  } catch (error) {
    throw new WorkspaceError(`${label}: target ${target.id}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return expandKubeTarget(target, contexts, label);
}
