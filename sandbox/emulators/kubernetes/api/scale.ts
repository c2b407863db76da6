// The autoscaling/v1 Scale subresource view of Deployments, ReplicaSets and Rollouts.

import { formatSelector, type LabelSelectorObject } from './label-selector';
import { isRecord, type KubeObject } from './types';

export function toScale(o: KubeObject): KubeObject {
  const spec = isRecord(o.spec) ? o.spec : {};
  const status = isRecord(o.status) ? o.status : {};
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: o.metadata.name,
      namespace: o.metadata.namespace,
      uid: o.metadata.uid,
      resourceVersion: o.metadata.resourceVersion,
      creationTimestamp: o.metadata.creationTimestamp,
    },
    spec: { replicas: typeof spec.replicas === 'number' ? spec.replicas : 0 },
    status: {
      replicas: typeof status.replicas === 'number' ? status.replicas : 0,
      selector: formatSelector(spec.selector as LabelSelectorObject | undefined),
    },
  };
}

export function fromScale(current: KubeObject, scale: KubeObject): KubeObject {
  const replicas = isRecord(scale.spec) ? scale.spec.replicas : undefined;
  const spec = isRecord(current.spec) ? current.spec : {};
  return { ...current, spec: { ...spec, replicas: typeof replicas === 'number' ? replicas : 0 } };
}
