// Seeds the sandbox cluster from the scenario's `kubernetes:` section: Deployments, Services, routes and Rollouts
// per service, the per-version pod behaviours, and the description of each service a client needs to release it.

import type { KubeObject } from '../../emulators/kubernetes/api/types';
import type { KubeCluster } from '../../emulators/kubernetes/cluster';
import { APP_LABEL, VERSION_LABEL, versionSlug } from '../../emulators/kubernetes/labels';
import { routingOf, type KubeRouting, type KubeScenario, type KubeScenarioService } from './scenario-schema';

/** One releasable Kubernetes service of the sandbox world; the keys match app/workspace.ts kubernetesServiceSchema. */
export interface SandboxKubeService {
  id: string;
  /** The release group (workspace service id) it joins, when the scenario says so. */
  group?: string;
  name: string;
  namespace: string;
  strategy: 'canary' | 'blue-green' | 'rolling';
  /** How the data plane splits traffic (see scenario-schema.ts). */
  routing: KubeRouting;
  stable: string;
  candidate: string | null;
  /** version → container image. */
  images: Record<string, string>;
  /** version → Deployment (httproute, virtualservice, selector, replicas). */
  deployments?: Record<string, string>;
  /** The one Deployment (deployment routing). */
  deployment?: string;
  service?: string;
  httpRoute?: string;
  virtualService?: string;
  rollout?: string;
  plan?: KubeScenarioService['plan'];
  rules?: KubeScenarioService['rules'];
  optional?: boolean;
}

export const GATEWAY_NAME = 'sandbox-gateway';
const PORT = 80;
const CONTAINER_PORT = 8080;

function imageOf(service: KubeScenarioService, version: string): string {
  return service.versions[version]?.image ?? `${service.image ?? `registry.switchyard.dev/${service.id}`}:${version}`;
}

function labels(app: string, version?: string): Record<string, string> {
  return { [APP_LABEL]: app, ...(version ? { [VERSION_LABEL]: version } : {}) };
}

function podTemplate(service: KubeScenarioService, version: string) {
  return {
    metadata: { labels: labels(service.id, version) },
    spec: { containers: [{ name: service.id, image: imageOf(service, version), ports: [{ name: 'http', containerPort: CONTAINER_PORT }] }] },
  };
}

function deployment(namespace: string, service: KubeScenarioService, name: string, version: string, replicas: number, selectVersion: boolean): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels: labels(service.id, selectVersion ? version : undefined) },
    spec: { replicas, selector: { matchLabels: labels(service.id, selectVersion ? version : undefined) }, template: podTemplate(service, version) },
  };
}

function svc(namespace: string, name: string, selector: Record<string, string>, app: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, labels: labels(app) },
    spec: { selector, ports: [{ name: 'http', port: PORT, targetPort: 'http', protocol: 'TCP' }] },
  };
}

function versionsOf(service: KubeScenarioService): string[] {
  return [service.stable, ...(service.candidate ? [service.candidate] : [])];
}

function pairDeployments(namespace: string, service: KubeScenarioService, candidateReplicas: number): { objects: KubeObject[]; names: Record<string, string> } {
  const names: Record<string, string> = {};
  const objects = versionsOf(service).map((version) => {
    const name = `${service.id}-${versionSlug(version)}`;
    names[version] = name;
    return deployment(namespace, service, name, version, version === service.stable ? service.replicas : candidateReplicas, true);
  });
  return { objects, names };
}

function rolloutObject(namespace: string, service: KubeScenarioService): KubeObject {
  const steps = service.steps ?? [{ setWeight: 20 }, { pause: {} }, { setWeight: 50 }, { pause: { duration: '30s' } }];
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: service.id, namespace, labels: labels(service.id) },
    spec: {
      replicas: service.replicas,
      selector: { matchLabels: labels(service.id) },
      template: podTemplate(service, service.stable),
      strategy: { canary: { canaryService: `${service.id}-canary`, stableService: `${service.id}-stable`, steps } },
    },
  };
}

/** The objects and the client-side description of one scenario service. */
export function kubeServiceObjects(namespace: string, service: KubeScenarioService): { objects: KubeObject[]; description: SandboxKubeService } {
  const routing = routingOf(service);
  const images = Object.fromEntries(Object.keys(service.versions).map((v) => [v, imageOf(service, v)]));
  const description: SandboxKubeService = {
    id: service.id,
    ...(service.group ? { group: service.group } : {}),
    name: service.name ?? service.id,
    namespace,
    strategy: service.strategy,
    routing,
    stable: service.stable,
    candidate: service.candidate,
    images,
    ...(service.plan ? { plan: service.plan } : {}),
    ...(service.rules ? { rules: service.rules } : {}),
    ...(service.optional !== undefined ? { optional: service.optional } : {}),
  };
  const app = service.id;
  switch (routing) {
    case 'httproute': {
      const pair = pairDeployments(namespace, service, service.replicas);
      const backends = versionsOf(service).map((v) => svc(namespace, `${app}-${versionSlug(v)}`, labels(app, v), app));
      const route: KubeObject = {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: app, namespace, labels: labels(app) },
        spec: {
          parentRefs: [{ name: GATEWAY_NAME }],
          hostnames: [`${app}.sandbox.switchyard.dev`],
          rules: [{ backendRefs: versionsOf(service).map((v) => ({ name: `${app}-${versionSlug(v)}`, port: PORT, weight: v === service.stable ? 100 : 0 })) }],
        },
      };
      return { objects: [...pair.objects, ...backends, route], description: { ...description, deployments: pair.names, httpRoute: app } };
    }
    case 'virtualservice': {
      const pair = pairDeployments(namespace, service, service.replicas);
      const subset = (v: string) => `v${versionSlug(v)}`;
      const rule = {
        apiVersion: 'networking.istio.io/v1',
        kind: 'DestinationRule',
        metadata: { name: app, namespace, labels: labels(app) },
        spec: { host: app, subsets: versionsOf(service).map((v) => ({ name: subset(v), labels: { [VERSION_LABEL]: v } })) },
      };
      const mirror = service.candidate && service.mirrorPercent !== undefined ? { mirror: { host: app, subset: subset(service.candidate) }, mirrorPercentage: { value: service.mirrorPercent } } : {};
      const vs = {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: app, namespace, labels: labels(app) },
        spec: {
          hosts: [app],
          http: [{ name: 'primary', route: versionsOf(service).map((v) => ({ destination: { host: app, subset: subset(v) }, weight: v === service.stable ? 100 : 0 })), ...mirror }],
        },
      };
      return { objects: [...pair.objects, svc(namespace, app, labels(app), app), rule, vs], description: { ...description, deployments: pair.names, service: app, virtualService: app } };
    }
    case 'replicas': {
      const pair = pairDeployments(namespace, service, 0);
      return { objects: [...pair.objects, svc(namespace, app, labels(app), app)], description: { ...description, deployments: pair.names, service: app } };
    }
    case 'selector': {
      const pair = pairDeployments(namespace, service, 0);
      return { objects: [...pair.objects, svc(namespace, app, labels(app, service.stable), app)], description: { ...description, deployments: pair.names, service: app } };
    }
    case 'deployment':
      return {
        objects: [deployment(namespace, service, app, service.stable, service.replicas, false), svc(namespace, app, labels(app), app)],
        description: { ...description, deployment: app, service: app },
      };
    case 'rollout':
      return {
        objects: [rolloutObject(namespace, service), svc(namespace, app, labels(app), app), svc(namespace, `${app}-stable`, labels(app), app), svc(namespace, `${app}-canary`, labels(app), app)],
        description: { ...description, rollout: app, service: app },
      };
  }
}

function gateway(namespace: string): KubeObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: GATEWAY_NAME, namespace },
    spec: { gatewayClassName: 'sandbox', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] },
  };
}

export function seedKubernetes(cluster: KubeCluster, scenario: KubeScenario): SandboxKubeService[] {
  const namespaceOf = (service: KubeScenarioService) => service.namespace ?? scenario.namespace;
  // The scenario's namespace, and each other namespace a service asks for (a second member of a release group).
  for (const namespace of new Set([scenario.namespace, ...scenario.services.map(namespaceOf)])) {
    cluster.seed({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    if (scenario.services.some((s) => namespaceOf(s) === namespace && routingOf(s) === 'httproute')) cluster.seed(gateway(namespace));
  }
  const described: SandboxKubeService[] = [];
  for (const service of scenario.services) {
    for (const [version, spec] of Object.entries(service.versions)) {
      cluster.behaviours.setImage(imageOf(service, version), {
        failure: spec.pods === 'healthy' ? 'none' : spec.pods,
        ...(spec.startDelay !== undefined ? { startDelayMs: spec.startDelay } : {}),
      });
    }
    const { objects, description } = kubeServiceObjects(namespaceOf(service), service);
    for (const o of objects) cluster.seed(o);
    described.push(description);
  }
  return described;
}
