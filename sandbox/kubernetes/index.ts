// The sandbox Kubernetes API server and cluster: what the rest of the sandbox (and tests) use.

export { KubeCluster, type KubeClusterOptions } from './cluster';
export { KubeApiServer } from './server/api-server';
export { startKubeWorld, type KubeWorld } from './world';
export { kubeScenarioSchema, kubeServiceIds, type KubeScenario, type KubeScenarioService } from './scenario-schema';
export type { SandboxKubeService } from './seed';
export { kubeconfigText, SANDBOX_CONTEXT } from './kubeconfig';
export { APP_LABEL, VERSION_LABEL } from './labels';
export { FAILURE_ANNOTATION, START_DELAY_ANNOTATION } from './controllers/failures';
