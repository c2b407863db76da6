// Defaulting of autoscaling/v2 HorizontalPodAutoscalers as the real API server does it: one replica at least, 80 %
// average CPU utilization when no metric is given, and the default scale-up and scale-down behaviour.

import { obj, setDefault, type Obj } from './pod-defaults';
import type { KubeObject } from './types';

const SCALE_UP = { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] };
const SCALE_DOWN = { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };

export function defaultHorizontalPodAutoscaler(o: KubeObject): void {
  const spec = obj(o as unknown as Obj, 'spec');
  setDefault(spec, 'minReplicas', 1);
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  }
  const behavior = obj(spec, 'behavior');
  for (const [key, rules] of [['scaleUp', SCALE_UP], ['scaleDown', SCALE_DOWN]] as const) {
    const current = obj(behavior, key);
    setDefault(current, 'stabilizationWindowSeconds', rules.stabilizationWindowSeconds);
    setDefault(current, 'selectPolicy', rules.selectPolicy);
    setDefault(current, 'policies', structuredClone(rules.policies));
  }
}
