// The sandbox's one public entry: the Switchyard demo world (world/) running on the wire emulators (emulators/).

export {
  startSandbox,
  type SandboxEcs,
  type SandboxKubernetes,
  type SandboxOptions,
  type SandboxWorld,
} from './world/start';
export { defaultScenariosDir, listScenarioNames as listScenarios } from './world/scenario/load';
export type { SandboxKubeService } from './world/kubernetes/seed';
export { WorldClock, type WorldClockOptions } from './emulators/clock';
export { HaproxyEmulator } from './emulators/haproxy/emulator';
export { HaproxyState } from './emulators/haproxy/state';
export { TrafficSimulator } from './emulators/traffic/simulator';
export { MetricsServer } from './emulators/metrics/server';
