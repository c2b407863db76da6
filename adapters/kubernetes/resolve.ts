// One configured service's objects in the namespace snapshot, and how routing backends map to its versions.

import type { V1Deployment, V1Pod, V1ReplicaSet, V1Service } from '@kubernetes/client-node';
import type { KubernetesServiceConfig } from './target-schema';
import type { HttpRoute } from './http-route';
import { selects, versionOf } from './labels';
import { named, type ClusterObjects } from './objects';
import { matchesSelector } from './pods';
import type { Rollout } from './rollout';
import type { Destination, VirtualService } from './virtual-service';
import { revisionOf } from './discovery';

export interface ResolvedService {
  config: KubernetesServiceConfig;
  namespace: string;
  /** version → its Deployment (null when missing in the cluster). */
  deployments: Map<string, V1Deployment | null>;
  deployment: V1Deployment | null;
  replicaSets: V1ReplicaSet[];
  service: V1Service | null;
  route: HttpRoute | null;
  virtualService: VirtualService | null;
  rollout: Rollout | null;
  pods: V1Pod[];
  versions: string[];
  backendVersion(name: string): string | null;
  destinationVersion(d: Destination): string | null;
}

export function resolveService(config: KubernetesServiceConfig, namespace: string, objects: ClusterObjects): ResolvedService {
  const deployments = new Map<string, V1Deployment | null>(
    Object.entries(config.deployments).map(([version, name]) => [version, named(objects.deployments, name)]),
  );
  const deployment = named(objects.deployments, config.deployment);
  const rollout = named(objects.rollouts, config.rollout);
  const owner = deployment?.metadata?.name ?? rollout?.metadata.name ?? null;
  const replicaSets = owner
    ? objects.replicaSets.filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.name === owner)).sort((a, b) => revisionOf(a) - revisionOf(b))
    : [];
  const selectors = [
    ...[...deployments.values()].map((d) => d?.spec?.selector),
    deployment?.spec?.selector,
    rollout?.spec.selector,
  ].filter((s) => s !== undefined);
  const pods = objects.pods.filter((p) => selectors.some((s) => matchesSelector(s, p.metadata?.labels)));
  const versions = [
    ...new Set([
      config.stable,
      ...(config.candidate ? [config.candidate] : []),
      ...deployments.keys(),
      ...replicaSets.map((rs) => versionOf(rs.spec?.template?.metadata?.labels)).filter((v): v is string => v !== null),
    ]),
  ];
  const byBackend = new Map(Object.entries(config.backends ?? {}).map(([version, backend]) => [backend, version]));
  const templateOf = (version: string) => deployments.get(version)?.spec?.template?.metadata?.labels;
  const serviceVersion = (name: string): string | null => {
    const svc = named(objects.services, name);
    if (!svc) return null;
    const selector = svc.spec?.selector;
    const hits = [...deployments.keys()].filter((v) => selects(selector, templateOf(v)));
    if (hits.length === 1) return hits[0]!;
    const labelled = versionOf(selector);
    return labelled && versions.includes(labelled) ? labelled : null;
  };
  return {
    config,
    namespace,
    deployments,
    deployment,
    replicaSets,
    service: named(objects.services, config.service),
    route: named(objects.httpRoutes, config.httpRoute),
    virtualService: named(objects.virtualServices, config.virtualService),
    rollout,
    pods,
    versions,
    backendVersion: (name) => byBackend.get(name) ?? serviceVersion(name),
    destinationVersion: (d) =>
      (d.subset ? byBackend.get(d.subset) : undefined) ??
      byBackend.get(d.host) ??
      (d.subset && versions.includes(d.subset) ? d.subset : null) ??
      serviceVersion(d.host.split('.')[0] ?? d.host),
  };
}

/** The backend (HTTPRoute backendRef name) that carries a version: configured, else the Service selecting it alone. */
export function backendFor(resolved: ResolvedService, version: string, services: V1Service[]): string | null {
  const configured = resolved.config.backends?.[version];
  if (configured) return configured;
  return services.find((s) => s.metadata?.name && resolved.backendVersion(s.metadata.name) === version)?.metadata?.name ?? null;
}

/** The VirtualService destination for a version: like the stable one's, with the version's subset or Service host. */
export function destinationFor(resolved: ResolvedService, version: string, services: V1Service[]): Destination | null {
  const routes = (resolved.virtualService?.spec.http ?? []).flatMap((h) => h.route ?? []);
  const existing = routes.find((r) => resolved.destinationVersion(r.destination) === version);
  if (existing) return existing.destination;
  const sample = routes.find((r) => resolved.destinationVersion(r.destination) !== null)?.destination;
  if (sample?.subset) return { ...sample, subset: resolved.config.backends?.[version] ?? version };
  const host = backendFor(resolved, version, services);
  return host ? { ...(sample ?? {}), host } : null;
}
