// Defaulting the real API server applies on create and update (the fields kubectl -o yaml shows).

import { defaultHorizontalPodAutoscaler } from './autoscaling-defaults';
import { defaultCronJob, defaultJob } from './batch-defaults';
import { admitIngressClass } from './networking-defaults';
import { defaultPodSpec, defaultTemplate, obj, setDefault, type Obj } from './pod-defaults';
import { isRecord, type KubeObject } from './types';

function defaultDeployment(o: KubeObject): void {
  const spec = obj(o as unknown as Obj, 'spec');
  setDefault(spec, 'replicas', 1);
  const strategy = obj(spec, 'strategy');
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const rolling = obj(strategy, 'rollingUpdate');
    setDefault(rolling, 'maxUnavailable', '25%');
    setDefault(rolling, 'maxSurge', '25%');
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefault(spec, 'progressDeadlineSeconds', 600);
  defaultTemplate(spec);
}

function defaultReplicaSet(o: KubeObject): void {
  const spec = obj(o as unknown as Obj, 'spec');
  setDefault(spec, 'replicas', 1);
  defaultTemplate(spec);
}

function defaultService(o: KubeObject, context: DefaultingContext, previous?: KubeObject): void {
  const allocateIp = () => context.allocateClusterIp();
  const spec = obj(o as unknown as Obj, 'spec');
  setDefault(spec, 'type', 'ClusterIP');
  setDefault(spec, 'sessionAffinity', 'None');
  const before = isRecord(previous?.spec) ? previous.spec : undefined;
  // An ExternalName Service is a DNS alias: no cluster IP, IP families or traffic policy.
  if (spec.type !== 'ExternalName') {
    if (spec.clusterIP !== 'None') {
      setDefault(spec, 'clusterIP', (before?.clusterIP as string | undefined) ?? allocateIp());
      setDefault(spec, 'clusterIPs', [spec.clusterIP]);
    }
    setDefault(spec, 'ipFamilies', ['IPv4']);
    setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
    setDefault(spec, 'internalTrafficPolicy', 'Cluster');
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') setDefault(spec, 'externalTrafficPolicy', 'Cluster');
  if (Array.isArray(spec.ports)) {
    for (const p of spec.ports) {
      if (!isRecord(p)) continue;
      setDefault(p, 'protocol', 'TCP');
      setDefault(p, 'targetPort', p.port);
      if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
        const before = Array.isArray(previous && isRecord(previous.spec) ? previous.spec.ports : undefined) ? ((previous?.spec as Obj).ports as Obj[]) : [];
        setDefault(p, 'nodePort', before.find((b) => isRecord(b) && b.port === p.port)?.nodePort ?? context.allocateNodePort());
      }
    }
  }
}

function defaultNamespace(o: KubeObject): void {
  o.metadata.labels = { ...(o.metadata.labels ?? {}), 'kubernetes.io/metadata.name': o.metadata.name ?? '' };
  setDefault(obj(o as unknown as Obj, 'spec'), 'finalizers', ['kubernetes']);
  setDefault(obj(o as unknown as Obj, 'status'), 'phase', 'Active');
}

/** A Secret's type defaults to Opaque; stringData is written into data (base64) and never stored. */
function defaultSecret(o: KubeObject): void {
  const target = o as unknown as Obj;
  setDefault(target, 'type', 'Opaque');
  if (isRecord(target.stringData)) {
    const data = { ...(isRecord(target.data) ? target.data : {}) };
    for (const [k, v] of Object.entries(target.stringData)) data[k] = Buffer.from(String(v), 'utf8').toString('base64');
    target.data = data;
  }
  delete target.stringData;
}

export interface DefaultingContext {
  allocateClusterIp(): string;
  allocateNodePort(): number;
  /** The IngressClass marked default, if any. */
  defaultIngressClass(): string | undefined;
}

export function applyDefaults(kind: string, o: KubeObject, context: DefaultingContext, previous?: KubeObject): void {
  switch (kind) {
    case 'Deployment':
      return defaultDeployment(o);
    case 'ReplicaSet':
      return defaultReplicaSet(o);
    case 'Pod': {
      const spec = obj(o as unknown as Obj, 'spec');
      defaultPodSpec(spec);
      // The ServiceAccount admission plugin: a pod runs as its namespace's `default` account unless it names one.
      const account = spec.serviceAccountName || spec.serviceAccount || 'default';
      spec.serviceAccountName = account;
      spec.serviceAccount = account;
      return;
    }
    case 'Service':
      return defaultService(o, context, previous);
    case 'Namespace':
      return defaultNamespace(o);
    case 'Secret':
      return defaultSecret(o);
    case 'Job':
      return defaultJob(o, previous);
    case 'CronJob':
      return defaultCronJob(o);
    case 'HorizontalPodAutoscaler':
      return defaultHorizontalPodAutoscaler(o);
    case 'Ingress':
      if (!previous) admitIngressClass(o, () => context.defaultIngressClass());
      return;
  }
}

/** The status an object starts with when created through the main endpoint (status is ignored there). */
export function initialStatus(kind: string): unknown {
  switch (kind) {
    case 'Pod':
      return { phase: 'Pending', qosClass: 'BestEffort' };
    case 'Service':
    case 'Ingress':
      return { loadBalancer: {} };
    case 'Namespace':
      return { phase: 'Active' };
    case 'Deployment':
    case 'ReplicaSet':
    case 'Job':
    case 'CronJob':
      return {};
    case 'HorizontalPodAutoscaler':
      return { desiredReplicas: 0 };
    default:
      return undefined;
  }
}
