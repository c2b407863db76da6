// Kubernetes targets that name several kubeconfig contexts (`contexts: all` or a list) → one target per context.
// The kubeconfig files are read (merged as kubectl merges KUBECONFIG) but no cluster is contacted: only the current
// context connects at start (when the target says `connect: start`); every other context connects when opened.

import { kubeconfigPaths, listContexts, loadKubeconfig, type ContextInfo } from '../../adapters/kubernetes/kubeconfig';
import type { KubernetesTargetConfig, TargetConfig, Workspace } from '../../app/workspace';
import { WorkspaceError } from './workspace-file';

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

/** The workspace with every multi-context Kubernetes target expanded; the kubeconfig is read only when one asks for contexts. */
export async function expandKubeContexts(workspace: Workspace, label: string, env: Record<string, string | undefined> = process.env): Promise<Workspace> {
  if (!workspace.targets.some((t) => t.platform === 'kubernetes' && t.contexts)) return workspace;
  const targets: TargetConfig[] = [];
  for (const t of workspace.targets) {
    if (t.platform !== 'kubernetes' || !t.contexts) {
      targets.push(t);
      continue;
    }
    let contexts: ContextInfo[];
    try {
      const { config } = await loadKubeconfig(kubeconfigPaths(t.kubeconfig, env));
      // A context whose cluster or user no file defines is listed too; connecting says why it cannot.
      contexts = listContexts(config);
    } catch (error) {
      throw new WorkspaceError(`${label}: target ${t.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
    targets.push(...expandKubeTarget(t, contexts, label));
  }
  return { ...workspace, targets };
}
