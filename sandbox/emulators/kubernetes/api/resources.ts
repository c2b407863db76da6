// The resource types the sandbox API server serves: group, version, names, scope and behaviour flags.

export interface ResourceType {
  group: string;
  version: string;
  /** Plural, lower case: the URL segment. */
  name: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  /** Served /status subresource. */
  status?: boolean;
  /** Served /scale subresource. */
  scale?: boolean;
  /** Served /token subresource (a ServiceAccount's TokenRequest, `kubectl create token`). */
  token?: boolean;
  /** metadata.generation is maintained. */
  generation?: boolean;
  /** A custom resource (CRD): list items carry kind/apiVersion, strategic merge patch is refused, PUT needs a resourceVersion. */
  custom?: boolean;
  /** PUT to a missing object creates it. */
  createOnUpdate?: boolean;
  /** Also served under these versions (same storage). */
  alsoVersions?: string[];
  /** Only `create`, answered and never stored (the access reviews of `kubectl auth can-i`). */
  review?: boolean;
  /** Only `get` and `list`, computed on each read (the metrics API of `kubectl top`). */
  metrics?: boolean;
}

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export const RESOURCES: ResourceType[] = [
  { group: '', version: 'v1', name: 'namespaces', singular: 'namespace', kind: 'Namespace', namespaced: false, shortNames: ['ns'], status: true },
  { group: '', version: 'v1', name: 'nodes', singular: 'node', kind: 'Node', namespaced: false, shortNames: ['no'], status: true },
  { group: '', version: 'v1', name: 'pods', singular: 'pod', kind: 'Pod', namespaced: true, shortNames: ['po'], categories: ['all'], status: true },
  { group: '', version: 'v1', name: 'services', singular: 'service', kind: 'Service', namespaced: true, shortNames: ['svc'], categories: ['all'], status: true, createOnUpdate: true },
  { group: '', version: 'v1', name: 'endpoints', singular: 'endpoints', kind: 'Endpoints', namespaced: true, shortNames: ['ep'], createOnUpdate: true },
  { group: '', version: 'v1', name: 'events', singular: 'event', kind: 'Event', namespaced: true, shortNames: ['ev'], createOnUpdate: true },
  { group: '', version: 'v1', name: 'secrets', singular: 'secret', kind: 'Secret', namespaced: true },
  { group: '', version: 'v1', name: 'serviceaccounts', singular: 'serviceaccount', kind: 'ServiceAccount', namespaced: true, shortNames: ['sa'], token: true },
  { group: '', version: 'v1', name: 'configmaps', singular: 'configmap', kind: 'ConfigMap', namespaced: true, shortNames: ['cm'], createOnUpdate: true },
  { group: 'apps', version: 'v1', name: 'deployments', singular: 'deployment', kind: 'Deployment', namespaced: true, shortNames: ['deploy'], categories: ['all'], status: true, scale: true, generation: true },
  { group: 'apps', version: 'v1', name: 'replicasets', singular: 'replicaset', kind: 'ReplicaSet', namespaced: true, shortNames: ['rs'], categories: ['all'], status: true, scale: true, generation: true },
  { group: 'autoscaling', version: 'v2', name: 'horizontalpodautoscalers', singular: 'horizontalpodautoscaler', kind: 'HorizontalPodAutoscaler', namespaced: true, shortNames: ['hpa'], categories: ['all'], status: true, generation: true, alsoVersions: ['v1'] },
  { group: 'batch', version: 'v1', name: 'jobs', singular: 'job', kind: 'Job', namespaced: true, categories: ['all'], status: true, generation: true },
  { group: 'batch', version: 'v1', name: 'cronjobs', singular: 'cronjob', kind: 'CronJob', namespaced: true, shortNames: ['cj'], categories: ['all'], status: true, generation: true },
  { group: 'networking.k8s.io', version: 'v1', name: 'ingresses', singular: 'ingress', kind: 'Ingress', namespaced: true, shortNames: ['ing'], status: true, generation: true },
  { group: 'networking.k8s.io', version: 'v1', name: 'ingressclasses', singular: 'ingressclass', kind: 'IngressClass', namespaced: false, generation: true },
  { group: 'discovery.k8s.io', version: 'v1', name: 'endpointslices', singular: 'endpointslice', kind: 'EndpointSlice', namespaced: true },
  { group: 'coordination.k8s.io', version: 'v1', name: 'leases', singular: 'lease', kind: 'Lease', namespaced: true, createOnUpdate: true },
  { group: 'gateway.networking.k8s.io', version: 'v1', name: 'httproutes', singular: 'httproute', kind: 'HTTPRoute', namespaced: true, categories: ['gateway-api'], status: true, generation: true, custom: true },
  { group: 'gateway.networking.k8s.io', version: 'v1', name: 'gateways', singular: 'gateway', kind: 'Gateway', namespaced: true, shortNames: ['gtw'], categories: ['gateway-api'], status: true, generation: true, custom: true },
  { group: 'networking.istio.io', version: 'v1', name: 'virtualservices', singular: 'virtualservice', kind: 'VirtualService', namespaced: true, shortNames: ['vs'], categories: ['istio-io', 'networking-istio-io'], status: true, generation: true, custom: true, alsoVersions: ['v1beta1', 'v1alpha3'] },
  { group: 'networking.istio.io', version: 'v1', name: 'destinationrules', singular: 'destinationrule', kind: 'DestinationRule', namespaced: true, shortNames: ['dr'], categories: ['istio-io', 'networking-istio-io'], status: true, generation: true, custom: true, alsoVersions: ['v1beta1', 'v1alpha3'] },
  { group: 'authorization.k8s.io', version: 'v1', name: 'selfsubjectaccessreviews', singular: 'selfsubjectaccessreview', kind: 'SelfSubjectAccessReview', namespaced: false, review: true },
  { group: 'authorization.k8s.io', version: 'v1', name: 'selfsubjectrulesreviews', singular: 'selfsubjectrulesreview', kind: 'SelfSubjectRulesReview', namespaced: false, review: true },
  { group: 'metrics.k8s.io', version: 'v1beta1', name: 'pods', singular: '', kind: 'PodMetrics', namespaced: true, metrics: true },
  { group: 'metrics.k8s.io', version: 'v1beta1', name: 'nodes', singular: '', kind: 'NodeMetrics', namespaced: false, metrics: true },
  { group: 'argoproj.io', version: 'v1alpha1', name: 'rollouts', singular: 'rollout', kind: 'Rollout', namespaced: true, shortNames: ['ro'], status: true, scale: true, generation: true, custom: true },
];

export function verbs(resource?: Pick<ResourceType, 'review' | 'metrics'>): string[] {
  if (resource?.review) return ['create'];
  return resource?.metrics ? ['get', 'list'] : [...VERBS];
}

export function groupVersion(resource: Pick<ResourceType, 'group' | 'version'>, version = resource.version): string {
  return resource.group ? `${resource.group}/${version}` : version;
}

/** `deployments.apps`, `pods`: how error messages name a resource. */
export function qualifiedName(resource: ResourceType): string {
  return resource.group ? `${resource.name}.${resource.group}` : resource.name;
}

export function qualifiedKind(resource: ResourceType): string {
  return resource.group ? `${resource.kind}.${resource.group}` : resource.kind;
}

export function resourceKey(resource: Pick<ResourceType, 'group' | 'name'>): string {
  return `${resource.group}/${resource.name}`;
}

export function servedVersions(resource: ResourceType): string[] {
  return [resource.version, ...(resource.alsoVersions ?? [])];
}

export function findResource(group: string, version: string, name: string): ResourceType | undefined {
  return RESOURCES.find((r) => r.group === group && r.name === name && servedVersions(r).includes(version));
}

export function resourceByKind(group: string, kind: string): ResourceType | undefined {
  return RESOURCES.find((r) => r.group === group && r.kind === kind);
}

export function requireResource(group: string, name: string): ResourceType {
  const found = RESOURCES.find((r) => r.group === group && r.name === name);
  if (!found) throw new Error(`no resource ${name} in group "${group}"`);
  return found;
}
