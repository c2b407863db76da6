// The horizontal pod autoscaler in the sandbox: its arithmetic, the autoscaling/v1 ↔ v2 conversion kubectl autoscale
// relies on, the TARGETS column, and the controller on a hand-driven clock with a CPU load the test sets.

import { describe, expect, it } from 'vitest';
import { convertIn, convertOut } from '../../sandbox/emulators/kubernetes/api/conversion';
import type { KubeObject } from '../../sandbox/emulators/kubernetes/api/types';
import { handDrivenCluster } from '../support/hand-driven-cluster';
import type { Deployment } from '../../sandbox/emulators/kubernetes/controllers/apps-types';
import { R } from '../../sandbox/emulators/kubernetes/controllers/context';
import { clamp, parseCpuMillis, replicasForUtilization, scaleUpLimit } from '../../sandbox/emulators/kubernetes/controllers/hpa-math';
import { hpaTargetsCell } from '../../sandbox/emulators/kubernetes/printers/hpa-targets';

describe('autoscaler arithmetic', () => {
  it('reads CPU quantities, keeps the count within 10 % of the target, limits scale-up and bounds the result', () => {
    expect([parseCpuMillis('250m'), parseCpuMillis('0.5'), parseCpuMillis('2'), parseCpuMillis('lots')]).toEqual([250, 500, 2000, null]);
    expect(replicasForUtilization(3, 3, 85, 80)).toBe(3);
    expect(replicasForUtilization(3, 3, 160, 80)).toBe(6);
    expect(replicasForUtilization(4, 4, 20, 80)).toBe(1);
    expect([scaleUpLimit(1), scaleUpLimit(10)]).toEqual([5, 20]);
    expect([clamp(1, 2, 5), clamp(9, 2, 5), clamp(3, 2, 5)]).toEqual([
      { replicas: 2, limit: 'TooFewReplicas' },
      { replicas: 5, limit: 'TooManyReplicas' },
      { replicas: 3, limit: null },
    ]);
  });
});

const HPA = { group: 'autoscaling', version: 'v2', name: 'horizontalpodautoscalers', singular: 'horizontalpodautoscaler', kind: 'HorizontalPodAutoscaler', namespaced: true };

describe('autoscaling/v1 and v2', () => {
  it('turns v1 targetCPUUtilizationPercentage into a v2 CPU metric and back, with the current utilization', () => {
    const v1 = { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' }, minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 80 } };
    const stored = convertIn(HPA, 'v1', v1) as KubeObject;
    expect(stored.spec).toEqual({ scaleTargetRef: v1.spec.scaleTargetRef, minReplicas: 2, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] });
    const withStatus = { ...stored, status: { currentReplicas: 3, desiredReplicas: 5, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 140, averageValue: '70m' } } }] } };
    expect(convertOut(HPA, 'v1', withStatus)).toMatchObject({ spec: v1.spec, status: { currentReplicas: 3, desiredReplicas: 5, currentCPUUtilizationPercentage: 140 } });
    expect(hpaTargetsCell(withStatus)).toBe('cpu: 140%/80%');
    expect(hpaTargetsCell(stored)).toBe('cpu: <unknown>/80%');
    const many = { ...stored, spec: { metrics: [
      { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } },
      { type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '10' } } },
      { type: 'External', external: { metric: { name: 'queue' }, target: { type: 'Value', value: '30' } } },
    ] } };
    expect(hpaTargetsCell(many)).toBe('memory: <unknown>/100Mi, rps: <unknown>/10 + 1 more...');
  });
});

describe('the autoscaler controller', () => {
  it('scales a Deployment whose pods request CPU up to its maximum under load and back down after the 5-minute window', () => {
    const { cluster, advance } = handDrivenCluster({ tickMs: 500 });
    let rps = 60;
    cluster.setPodLoadSource(() => rps);
    cluster.registry.create({ resource: R.deployments, namespace: 'shop' }, {
      metadata: { name: 'web' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1', resources: { requests: { cpu: '50m' } } }] } } },
    });
    advance(3000);
    cluster.registry.create({ resource: R.hpas, namespace: 'shop' }, { metadata: { name: 'web' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 4 } });
    const replicas = () => (cluster.store.get(R.deployments, 'shop', 'web') as Deployment).spec.replicas;
    advance(500);
    expect(replicas()).toBe(4);
    const hpa = () => cluster.store.get(R.hpas, 'shop', 'web')!;
    expect(hpa().status).toMatchObject({ currentReplicas: 2, desiredReplicas: 4 });
    expect(hpaTargetsCell(hpa())).toMatch(/^cpu: \d+%\/80%$/);
    rps = 0;
    advance(60_000);
    expect(replicas()).toBe(4);
    advance(300_000);
    expect(replicas()).toBe(1);
  });
});
