// Versions of one resource that differ in shape: HorizontalPodAutoscalers are stored as autoscaling/v2 and served as
// autoscaling/v1 too (`kubectl autoscale` writes v1), converted on the way in and out as the real server converts them.

import type { ResourceType } from './resources';
import { isRecord, type KubeObject } from './types';

type Obj = Record<string, unknown>;
const rec = (v: unknown): Obj => (isRecord(v) ? v : {});
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isRecord) : []);

function cpuUtilization(metrics: unknown, key: 'target' | 'current'): number | undefined {
  const cpu = list(metrics).find((m) => m.type === 'Resource' && rec(m.resource).name === 'cpu');
  const value = rec(rec(cpu?.resource)[key]).averageUtilization;
  return typeof value === 'number' ? value : undefined;
}

function hpaToV1(o: KubeObject): KubeObject {
  const spec = rec(o.spec);
  const status = rec(o.status);
  const target = cpuUtilization(spec.metrics, 'target');
  const current = cpuUtilization(status.currentMetrics, 'current');
  return {
    ...o,
    spec: {
      scaleTargetRef: spec.scaleTargetRef,
      ...(spec.minReplicas !== undefined ? { minReplicas: spec.minReplicas } : {}),
      maxReplicas: spec.maxReplicas,
      ...(target !== undefined ? { targetCPUUtilizationPercentage: target } : {}),
    },
    ...(o.status !== undefined
      ? {
          status: {
            ...(status.observedGeneration !== undefined ? { observedGeneration: status.observedGeneration } : {}),
            ...(status.lastScaleTime !== undefined ? { lastScaleTime: status.lastScaleTime } : {}),
            currentReplicas: status.currentReplicas ?? 0,
            desiredReplicas: status.desiredReplicas ?? 0,
            ...(current !== undefined ? { currentCPUUtilizationPercentage: current } : {}),
          },
        }
      : {}),
  };
}

function hpaFromV1(o: Obj): Obj {
  const spec = rec(o.spec);
  const target = spec.targetCPUUtilizationPercentage;
  const { targetCPUUtilizationPercentage: _target, ...rest } = spec;
  const metrics = typeof target === 'number' ? [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } } }] : undefined;
  const { status: _status, ...object } = o;
  return { ...object, spec: { ...rest, ...(metrics ? { metrics } : {}) } };
}

/** The stored object as `version` of its resource shows it. */
export function convertOut(resource: ResourceType, version: string, o: KubeObject): KubeObject {
  if (resource.kind === 'HorizontalPodAutoscaler' && version === 'v1') return hpaToV1(o);
  return o;
}

/** A request body of `version` as the stored version holds it. */
export function convertIn(resource: ResourceType, version: string, body: unknown): unknown {
  if (resource.kind === 'HorizontalPodAutoscaler' && version === 'v1' && isRecord(body)) return hpaFromV1(body);
  return body;
}
