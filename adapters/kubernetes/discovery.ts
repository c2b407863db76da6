// Releasable services found in a namespace's objects: Deployments grouped by app with a version label, and the
// Service, HTTPRoute or VirtualService that routes between them; Argo Rollouts; a lone Deployment releases rolling.

import type { V1Deployment, V1ReplicaSet, V1Service } from '@kubernetes/client-node';
import { kubernetesServiceSchema, type KubernetesServiceConfig } from './target-schema';
import { appOf, selects, serviceIdOf, timeOf, versionOf } from './labels';
import type { ClusterObjects } from './objects';

interface AppGroup {
  namespace: string;
  app: string;
  /** version → Deployment name, oldest first. */
  deployments: Map<string, V1Deployment>;
}

export function discoverServices(objects: ClusterObjects, namespace: string, qualifyIds = false): KubernetesServiceConfig[] {
  const found: KubernetesServiceConfig[] = [];
  const inRollouts = new Set<string>();
  for (const rollout of objects.rollouts) {
    const labels = rollout.spec.template?.metadata?.labels;
    const app = appOf(labels) ?? appOf(rollout.metadata.labels) ?? rollout.metadata.name;
    inRollouts.add(app);
    const candidate = versionOf(labels);
    const stable = versionOfHash(objects.replicaSets, rollout.status?.stableRS) ?? candidate;
    if (!stable) continue;
    found.push(
      parse({
        id: serviceIdOf(namespace, rollout.metadata.name, qualifyIds),
        name: rollout.metadata.name,
        namespace,
        strategy: rollout.spec.strategy?.blueGreen ? 'blue-green' : 'canary',
        stable,
        candidate: candidate && candidate !== stable ? candidate : null,
        rollout: rollout.metadata.name,
      }),
    );
  }
  for (const group of groupDeployments(objects.deployments, namespace)) {
    if (inRollouts.has(group.app)) continue;
    const service = group.deployments.size > 1 ? multiVersion(group, objects, qualifyIds) : rolling(group, objects, qualifyIds);
    if (service) found.push(service);
  }
  return found.sort((a, b) => a.id.localeCompare(b.id));
}

function parse(input: Record<string, unknown>): KubernetesServiceConfig {
  return kubernetesServiceSchema.parse(input);
}

export function groupDeployments(deployments: V1Deployment[], namespace: string): AppGroup[] {
  const groups = new Map<string, AppGroup>();
  const sorted = [...deployments].sort((a, b) => timeOf(a.metadata?.creationTimestamp) - timeOf(b.metadata?.creationTimestamp));
  for (const d of sorted) {
    const labels = d.spec?.template?.metadata?.labels;
    const app = appOf(labels) ?? appOf(d.metadata?.labels);
    const version = versionOf(labels) ?? versionOf(d.metadata?.labels);
    if (!app || !version) continue;
    const group = groups.get(app) ?? { namespace, app, deployments: new Map() };
    if (!group.deployments.has(version)) group.deployments.set(version, d);
    groups.set(app, group);
  }
  return [...groups.values()];
}

function multiVersion(group: AppGroup, objects: ClusterObjects, qualifyIds: boolean): KubernetesServiceConfig | null {
  const versions = [...group.deployments.keys()];
  const deployments = Object.fromEntries([...group.deployments].map(([v, d]) => [v, d.metadata!.name!]));
  const backendVersion = (name: string) => serviceVersion(objects.services, name, group);
  const route = objects.httpRoutes.find((r) => (r.spec.rules ?? []).some((rule) => (rule.backendRefs ?? []).some((b) => backendVersion(b.name))));
  const vs = route
    ? undefined
    : objects.virtualServices.find((v) =>
        (v.spec.http ?? []).some((h) => (h.route ?? []).some((r) => versions.includes(r.destination.subset ?? '') || backendVersion(shortHost(r.destination.host)))),
      );
  const switcher = objects.services.find((s) => selects(s.spec?.selector, podLabels(group, versions[0]!)) && versionOf(s.spec?.selector));
  const spreader = objects.services.find((s) => versions.every((v) => selects(s.spec?.selector, podLabels(group, v))));
  // Stable: what the router or selector sends most traffic to; else the version with more replicas, else the oldest.
  const byReplicas = [...versions].sort((a, b) => (group.deployments.get(b)!.spec?.replicas ?? 0) - (group.deployments.get(a)!.spec?.replicas ?? 0));
  const switched = switcher ? versionOf(switcher.spec?.selector) : null;
  const stable = (switched && versions.includes(switched) ? switched : null) ?? (route || vs ? weightiest(route, vs, backendVersion, versions) : null) ?? byReplicas[0]!;
  const newest = [...versions].reverse().find((v) => v !== stable) ?? null;
  return parse({
    id: serviceIdOf(group.namespace, group.app, qualifyIds),
    name: group.app,
    namespace: group.namespace,
    strategy: route || vs || !switcher ? 'canary' : 'blue-green',
    stable,
    candidate: newest,
    deployments,
    ...(route ? { httpRoute: route.metadata.name } : {}),
    ...(vs ? { virtualService: vs.metadata.name } : {}),
    ...(!route && !vs && switcher ? { service: switcher.metadata!.name } : spreader ? { service: spreader.metadata!.name } : {}),
  });
}

function rolling(group: AppGroup, objects: ClusterObjects, qualifyIds: boolean): KubernetesServiceConfig | null {
  const first = [...group.deployments][0];
  if (!first) return null;
  const [current, deployment] = first;
  const owned = objects.replicaSets
    .filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.kind === 'Deployment' && o.name === deployment.metadata?.name))
    .sort((a, b) => revisionOf(b) - revisionOf(a));
  // Mid-rollout: the old revision that still has pods is stable and the template's version is the candidate.
  const older = owned.find((rs) => versionOf(rs.spec?.template?.metadata?.labels) !== current && (rs.status?.replicas ?? 0) > 0);
  const stable = older ? versionOf(older.spec?.template?.metadata?.labels)! : current;
  const service = objects.services.find((s) => selects(s.spec?.selector, deployment.spec?.template?.metadata?.labels));
  return parse({
    id: serviceIdOf(group.namespace, group.app, qualifyIds),
    name: group.app,
    namespace: group.namespace,
    strategy: 'rolling',
    stable,
    candidate: stable === current ? null : current,
    deployment: deployment.metadata!.name,
    ...(service ? { service: service.metadata!.name } : {}),
  });
}

export function revisionOf(rs: V1ReplicaSet): number {
  return Number(rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0) || 0;
}

function podLabels(group: AppGroup, version: string): Record<string, string> {
  return group.deployments.get(version)?.spec?.template?.metadata?.labels ?? {};
}

/** The version a Service sends traffic to, when it selects exactly one version of the group's app. */
function serviceVersion(services: V1Service[], name: string, group: AppGroup): string | null {
  const svc = services.find((s) => s.metadata?.name === name);
  if (!svc) return null;
  const hits = [...group.deployments.keys()].filter((v) => selects(svc.spec?.selector, podLabels(group, v)));
  return hits.length === 1 ? hits[0]! : null;
}

function shortHost(host: string): string {
  return host.split('.')[0] ?? host;
}

function weightiest(
  route: ClusterObjects['httpRoutes'][number] | undefined,
  vs: ClusterObjects['virtualServices'][number] | undefined,
  backendVersion: (name: string) => string | null,
  versions: string[],
): string | null {
  const entries: { version: string | null; weight: number }[] = route
    ? (route.spec.rules ?? []).flatMap((r) => r.backendRefs ?? []).map((b) => ({ version: backendVersion(b.name), weight: b.weight ?? 1 }))
    : (vs?.spec.http ?? [])
        .flatMap((h) => h.route ?? [])
        .map((r) => ({
          version: versions.includes(r.destination.subset ?? '') ? r.destination.subset! : backendVersion(shortHost(r.destination.host)),
          weight: r.weight ?? 100,
        }));
  const best = entries.filter((e) => e.version !== null).sort((a, b) => b.weight - a.weight)[0];
  return best?.version ?? null;
}

function versionOfHash(replicaSets: V1ReplicaSet[], hash: string | undefined): string | null {
  if (!hash) return null;
  const rs = replicaSets.find((r) => r.metadata?.labels?.['rollouts-pod-template-hash'] === hash || r.metadata?.labels?.['pod-template-hash'] === hash);
  return versionOf(rs?.spec?.template?.metadata?.labels);
}
