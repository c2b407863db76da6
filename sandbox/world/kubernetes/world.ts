// The Kubernetes part of the sandbox world: the seeded cluster, its API server, its kubeconfig, and its traffic.

import type { Clock } from '../../emulators/clock';
import type { TrafficSimulator } from '../../emulators/traffic/simulator';
import { KubeCluster } from '../../emulators/kubernetes/cluster';
import { kubeconfigText, SANDBOX_CONTEXT, writeKubeconfig } from './kubeconfig';
import type { KubeScenario } from './scenario-schema';
import { podLoadSource } from './pod-load';
import { podLogSource } from './pod-logs';
import { podRequests } from './pod-traffic';
import { followRuntimeServices } from './runtime-traffic';
import { seedKubernetes, type SandboxKubeService } from './seed';
import { TrafficSplitReader, type TrafficEntry } from '../../emulators/kubernetes/traffic-split';

export interface KubeWorld {
  cluster: KubeCluster;
  url: string;
  context: string;
  namespace: string;
  kubeconfig: string;
  kubeconfigPath?: string;
  services: SandboxKubeService[];
  /** Whether a ready pod runs `version` of Kubernetes service `id`; undefined when `id` is not a Kubernetes service. */
  versionServing(id: string, version: string): boolean | undefined;
  close(): Promise<void>;
}

function trafficEntry(service: SandboxKubeService): TrafficEntry {
  return {
    namespace: service.namespace,
    ...(service.httpRoute ? { httpRoute: service.httpRoute } : service.virtualService ? { virtualService: service.virtualService } : service.service ? { service: service.service } : {}),
  };
}

export async function startKubeWorld(options: { clock: Clock; simulator: TrafficSimulator; scenario: KubeScenario; host?: string; dir?: string }): Promise<KubeWorld> {
  const cluster = new KubeCluster({ clock: options.clock });
  const services = seedKubernetes(cluster, options.scenario);
  const reader = new TrafficSplitReader(cluster.store);
  const spec = new Map(options.scenario.services.map((s) => [s.id, s]));
  for (const service of services) {
    const entry = trafficEntry(service);
    const scenarioService = spec.get(service.id)!;
    options.simulator.addWeighted({
      id: service.id,
      requestRate: scenarioService.requestRate,
      versions: Object.fromEntries(
        Object.entries(scenarioService.versions).map(([version, v]) => [version, { errorRate: v.errorRate, p50Ms: v.p50Ms, p99Ms: v.p99Ms, healthy: v.healthy }]),
      ),
      shares: () => reader.shares(entry),
      mirrors: () => reader.mirrors(entry),
    });
  }
  cluster.settle();
  const runtime = followRuntimeServices(cluster, options.simulator, reader);
  const requests = podRequests(cluster, options.simulator, services, runtime);
  cluster.setPodLogSource(podLogSource(requests));
  cluster.setPodLoadSource(podLoadSource(options.clock, requests));
  const url = await cluster.start(options.host ?? '127.0.0.1', 0);
  const namespace = options.scenario.namespace;
  const kubeconfig = kubeconfigText(url, namespace);
  const kubeconfigPath = options.dir ? await writeKubeconfig(options.dir, kubeconfig) : undefined;
  return {
    cluster,
    url,
    context: SANDBOX_CONTEXT,
    namespace,
    kubeconfig,
    ...(kubeconfigPath ? { kubeconfigPath } : {}),
    services,
    versionServing(id, version) {
      const service = services.find((s) => s.id === id);
      return service ? reader.versionServing(trafficEntry(service), version) : undefined;
    },
    close: () => {
      runtime.stop();
      return cluster.stop();
    },
  };
}
