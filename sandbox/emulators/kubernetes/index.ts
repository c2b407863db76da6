// The sandbox Kubernetes API server and cluster: what the world (and tests) use.

export { KubeCluster, type KubeClusterOptions } from './cluster';
export { KubeApiServer } from './server/api-server';
export { TrafficSplitReader, versionOfPod, type TrafficEntry } from './traffic-split';
export type { PodLogLine, PodLogSource } from './server/pod-logs';
export type { PodLoadSource } from './server/pod-usage';
export { APP_LABEL, VERSION_LABEL } from './labels';
export { FAILURE_ANNOTATION, START_DELAY_ANNOTATION } from './controllers/failures';
