// Starts the Switchyard demo world: the wire emulators composed with a scenario, its scripted events,
// and the workspace (plus kubeconfig, ecs-endpoint, metrics-url) that reaches them.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Workspace } from '../../app/workspace';
import { WorldClock } from '../emulators/clock';
import { HaproxyEmulator } from '../emulators/haproxy/emulator';
import { HaproxyState } from '../emulators/haproxy/state';
import { MetricsServer } from '../emulators/metrics/server';
import { TrafficSimulator } from '../emulators/traffic/simulator';
import { startEcsWorld, type EcsWorld } from './ecs/world';
import type { SeededEcsService } from './ecs/seed';
import { startKubeWorld, type KubeWorld } from './kubernetes/world';
import type { SandboxKubeService } from './kubernetes/seed';
import { layoutWorld } from './layout';
import { startFlagWorld, type FlagWorld } from './flags/world';
import { scheduleEvents } from './scenario/events';
import { defaultScenariosDir, loadScenario } from './scenario/load';
import { sandboxWorkspace, writeWorkspaceFile } from './workspace';
import { startWorldDatabases, withoutSchemaSteps, type WorldDatabases } from './database';
import { findPostgresBinaries } from './postgres-cluster';

export interface SandboxOptions {
  /** Scenario name (a file in scenariosDir); default 'calm'. */
  scenario?: string;
  /** World speed; default 1. */
  speed?: number;
  /** Write DIR/switchyard.yaml. */
  dir?: string;
  /** Default: resources/scenarios under the working directory or above this module. */
  scenariosDir?: string;
  host?: '127.0.0.1';
  /** Also serve the runtime API on this unix socket. */
  unixSocket?: string;
  /** Seed of the traffic simulator (reproducible worlds in tests). */
  seed?: number;
  /** Scenario event failures; default: written to stderr. */
  onError?: (message: string) => void;
  /** One-line notices (PostgreSQL missing); default: written to stderr. */
  onNotice?: (message: string) => void;
}

export interface SandboxWorld {
  workspace: Workspace;
  endpoints: { name: string; url: string }[];
  /** The sandbox ECS endpoint (awsJson1_1; any credentials) and what the scenario seeded in it. */
  ecs: SandboxEcs;
  /** The sandbox Kubernetes API server (plain HTTP, any bearer token) and what the scenario seeded in it. */
  kubernetes: SandboxKubernetes;
  stop(): Promise<void>;
}

export interface SandboxKubernetes {
  /** http://127.0.0.1:PORT */
  url: string;
  /** The kubeconfig as YAML text (context SANDBOX_CONTEXT, insecure-skip-tls-verify, a token). */
  kubeconfig: string;
  /** DIR/kubeconfig when `dir` was given, else a temporary file removed on stop. */
  kubeconfigPath?: string;
  /** 'switchyard-sandbox'. */
  context: string;
  namespace: string;
  /** Releasable services; `id` is the metrics/simulator id, the other keys match kubernetesServiceSchema. */
  services: SandboxKubeService[];
}

export interface SandboxEcs {
  /** Base URL for `--endpoint-url` / the SDK's `endpoint`. */
  endpoint: string;
  region: 'us-east-1';
  clusters: string[];
  /** `id` is the metrics/simulator id (/v1/metrics?service=<id>); versions are image tags. */
  services: SeededEcsService[];
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<SandboxWorld> {
  const scenarioName = opts.scenario ?? 'calm';
  const speed = opts.speed ?? 1;
  const host = opts.host ?? '127.0.0.1';
  const loaded = await loadScenario(opts.scenariosDir ?? defaultScenariosDir(), scenarioName);
  // Scenarios with a database get their own PostgreSQL where the machine has one; without, they run without migrations.
  const wantsDatabase = loaded.services.some((s) => s.database);
  const haveDatabase = wantsDatabase && findPostgresBinaries() !== null;
  const scenario = wantsDatabase && !haveDatabase ? withoutSchemaSteps(loaded) : loaded;
  const clock = new WorldClock({ speed });
  const layout = layoutWorld(scenario);
  const haproxy = new HaproxyState({ clock, backends: layout.backends });
  const simulator = new TrafficSimulator({ clock, haproxy, services: layout.services, ...(opts.seed !== undefined ? { seed: opts.seed } : {}) });
  const emulator = new HaproxyEmulator(haproxy);
  const metrics = new MetricsServer({
    simulator,
    healthy: (serviceId, version) => {
      const profileHealthy = simulator.versionHealthy(serviceId, version);
      if (profileHealthy === null) return null;
      const ecsServing = ecs?.versionServing(serviceId, version);
      if (ecsServing !== undefined) return profileHealthy && ecsServing;
      const kubeServing = kube?.versionServing(serviceId, version);
      if (kubeServing !== undefined) return profileHealthy && kubeServing;
      const servers = layout.versions[serviceId]?.[version] ?? [];
      const checksPass = servers.some((name) => haproxy.findServer(name)?.server.checkOutcome === 'pass');
      return profileHealthy && checksPass;
    },
  });
  const onError = opts.onError ?? ((message: string) => process.stderr.write(`sandbox: ${message}\n`));
  let cancelEvents = () => {};
  let ecs: EcsWorld | null = null;
  let kube: KubeWorld | null = null;
  let flags: FlagWorld | null = null;
  let databases: WorldDatabases | null = null;
  // Without a DIR the workspace still needs a kubeconfig file to name: a temporary one, removed on stop.
  const kubeDir = opts.dir ?? (await mkdtemp(join(tmpdir(), 'switchyard-sandbox-kube-')));
  const removeKubeDir = () => (opts.dir ? Promise.resolve() : rm(kubeDir, { recursive: true, force: true }));
  try {
    const address = await emulator.listen({ host, port: 0, ...(opts.unixSocket ? { unixPath: opts.unixSocket } : {}) });
    const metricsUrl = await metrics.listen(host, 0);
    ecs = await startEcsWorld({ clock, simulator, scenario: scenario.ecs ?? { clusters: [] }, host });
    kube = await startKubeWorld({ clock, simulator, scenario: scenario.kubernetes ?? { namespace: 'shop', services: [] }, host, dir: kubeDir });
    flags = await startFlagWorld({ simulator, services: scenario.services, host, dir: kubeDir });
    const notice = opts.onNotice ?? ((message: string) => process.stderr.write(`sandbox: ${message}\n`));
    if (wantsDatabase && !haveDatabase) notice(`PostgreSQL not found (/usr/lib/postgresql/*/bin, or SWITCHYARD_PG_BIN): scenario ${scenarioName} runs without migrations`);
    if (haveDatabase) databases = await startWorldDatabases({ scenarioName, scenario, clock, haproxy, simulator, versions: layout.versions, ...(opts.dir ? { dir: opts.dir } : {}), onError });
    simulator.start();
    cancelEvents = scheduleEvents(scenario.events, { clock, haproxy, simulator, onError });
    const workspace = sandboxWorkspace({
      scenarioName,
      scenario,
      runtimeApi: address.runtimeApi,
      metricsUrl,
      speed,
      epochMs: clock.epochMs,
      versions: layout.versions,
      ...(databases ? { databases: databases.fields } : {}),
      ecs: { endpoint: ecs.url, region: ecs.region, services: ecs.services },
      ...(flags ? { flagTarget: flags.target } : {}),
      kubernetes: kube.kubeconfigPath ? { kubeconfigPath: kube.kubeconfigPath, context: kube.context, namespace: kube.namespace, services: kube.services } : null,
    });
    const endpoints = [
      { name: 'HAProxy runtime API', url: address.runtimeApi },
      ...(address.unixPath ? [{ name: 'HAProxy runtime API (unix socket)', url: `unix://${address.unixPath}` }] : []),
      { name: 'Metrics (JSON)', url: `${metricsUrl}/v1/metrics?service=${scenario.services[0]?.id ?? ''}` },
      { name: 'Metrics (Prometheus)', url: `${metricsUrl}/metrics` },
      { name: 'ECS endpoint (aws --endpoint-url)', url: ecs.url },
      { name: 'Kubernetes API server', url: kube.url },
      ...(kube.kubeconfigPath ? [{ name: 'Kubeconfig (kubectl --kubeconfig)', url: kube.kubeconfigPath }] : []),
      ...(flags ? [{ name: 'Unleash Admin API (token in unleash-token)', url: flags.url }] : []),
    ];
    if (opts.dir) {
      const path = await writeWorkspaceFile(opts.dir, workspace);
      endpoints.push({ name: 'Workspace file', url: path });
      // For Prometheus: scrape_configs can read the target from here (a file_sd or a templated config).
      await writeFile(join(opts.dir, 'metrics-url'), `${metricsUrl}/metrics\n`, 'utf8');
      await writeFile(join(opts.dir, 'ecs-endpoint'), `${ecs.url}\n`, 'utf8');
    }
    const ecsWorld = ecs;
    const kubeWorld = kube;
    const flagWorld = flags;
    const worldDatabases = databases;
    let stopped = false;
    return {
      workspace,
      endpoints,
      ecs: { endpoint: ecsWorld.url, region: ecsWorld.region, clusters: ecsWorld.clusters, services: ecsWorld.services },
      kubernetes: {
        url: kubeWorld.url,
        kubeconfig: kubeWorld.kubeconfig,
        ...(kubeWorld.kubeconfigPath ? { kubeconfigPath: kubeWorld.kubeconfigPath } : {}),
        context: kubeWorld.context,
        namespace: kubeWorld.namespace,
        services: kubeWorld.services,
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        cancelEvents();
        simulator.stop();
        clock.clearAll();
        await Promise.all([emulator.close(), metrics.close(), ecsWorld.close(), kubeWorld.close(), flagWorld?.close(), worldDatabases?.stop()]);
        await removeKubeDir();
      },
    };
  } catch (error) {
    cancelEvents();
    simulator.stop();
    clock.clearAll();
    await Promise.all([emulator.close(), metrics.close(), ecs?.close(), kube?.close(), flags?.close(), databases?.stop()]);
    await removeKubeDir();
    throw error;
  }
}
