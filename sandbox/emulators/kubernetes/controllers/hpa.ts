// The horizontal pod autoscaler controller: every 15 s of world time it keeps its target's replicas within
// min/max and, when the target's pods request CPU, scales on their average utilization (from the metrics the world's
// traffic drives), with the default behaviour's 5-minute scale-down stabilization; status and conditions as kubectl shows them.

import { matchesRequirements, selectorRequirements, type LabelSelectorObject } from '../api/label-selector';
import { resourceByKind } from '../api/resources';
import { rfc3339 } from '../api/time';
import { isRecord, sameJson, type KubeObject } from '../api/types';
import type { Usage } from '../server/pod-usage';
import type { Condition, Pod } from './apps-types';
import { setCondition } from './conditions';
import { R, type ControllerContext } from './context';
import { clamp, parseCpuMillis, replicasForUtilization, scaleUpLimit, type Limit } from './hpa-math';
import { podReady } from './replicaset';

const SYNC_MS = 15_000;
const SCALE_DOWN_WINDOW_MS = 300_000;

type Obj = Record<string, unknown>;
const rec = (v: unknown): Obj => (isRecord(v) ? v : {});

interface Reading {
  desired: number;
  reason: string;
  metrics: Obj[];
  /** ScalingActive, when the metrics were read (the min/max checks come before them). */
  active?: Condition;
}

export class HorizontalPodAutoscalerController {
  private readonly lastSync = new Map<string, number>();
  private readonly recommendations = new Map<string, { at: number; replicas: number }[]>();

  constructor(
    private readonly ctx: ControllerContext,
    private readonly usageOf: (pod: KubeObject) => Usage,
  ) {}

  syncAll(): void {
    const now = this.ctx.clock.now();
    for (const hpa of this.ctx.store.scan(R.hpas)) {
      const uid = hpa.metadata.uid ?? '';
      const last = this.lastSync.get(uid);
      // A new or changed autoscaler is looked at once at once, then every 15 s as the real controller resyncs.
      if (last !== undefined && now - last < SYNC_MS && rec(hpa.status).observedGeneration === hpa.metadata.generation) continue;
      this.lastSync.set(uid, now);
      this.sync(hpa, now);
    }
  }

  private sync(hpa: KubeObject, now: number): void {
    const spec = rec(hpa.spec);
    const ref = rec(spec.scaleTargetRef);
    const group = String(ref.apiVersion ?? '').includes('/') ? String(ref.apiVersion).split('/')[0]! : '';
    const resource = resourceByKind(group, String(ref.kind ?? ''));
    const target = resource?.scale ? this.ctx.store.get(resource, hpa.metadata.namespace, String(ref.name ?? '')) : undefined;
    const conditions = (rec(hpa.status).conditions ?? []) as Condition[];
    if (!resource || !target) {
      const failed = this.condition('AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${String(ref.kind ?? '').toLowerCase()}s "${String(ref.name ?? '')}" not found`, now);
      return this.writeStatus(hpa, { ...rec(hpa.status), desiredReplicas: 0, conditions: setCondition(conditions, failed) });
    }
    const current = typeof rec(target.spec).replicas === 'number' ? (rec(target.spec).replicas as number) : 1;
    const min = typeof spec.minReplicas === 'number' ? spec.minReplicas : 1;
    const max = typeof spec.maxReplicas === 'number' ? spec.maxReplicas : current;
    const reading = this.read(hpa, target, current, min, max, now);
    const history = (this.recommendations.get(hpa.metadata.uid ?? '') ?? []).filter((r) => r.at > now - SCALE_DOWN_WINDOW_MS);
    history.push({ at: now, replicas: reading.desired });
    this.recommendations.set(hpa.metadata.uid ?? '', history);
    // Scale down only as far as the highest recommendation of the last 5 minutes; scale up at the default rate.
    let desired = reading.desired < current ? Math.min(current, Math.max(...history.map((r) => r.replicas))) : Math.min(reading.desired, scaleUpLimit(current));
    const bounded = current === 0 ? { replicas: 0, limit: null as Limit } : clamp(desired, min, max);
    desired = bounded.replicas;
    const status = rec(hpa.status);
    let able = this.condition('AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size', now);
    let lastScaleTime = status.lastScaleTime;
    if (desired !== current) {
      this.ctx.registry.patch({ resource, namespace: hpa.metadata.namespace, name: target.metadata.name ?? '', subresource: 'scale' }, 'merge', { spec: { replicas: desired } });
      this.ctx.event(hpa, 'horizontal-pod-autoscaler', 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reading.reason}`);
      able = this.condition('AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`, now);
      lastScaleTime = rfc3339(now);
    }
    const limited =
      bounded.limit === 'TooFewReplicas'
        ? this.condition('ScalingLimited', 'True', 'TooFewReplicas', 'the desired replica count is less than the minimum replica count', now)
        : bounded.limit === 'TooManyReplicas'
          ? this.condition('ScalingLimited', 'True', 'TooManyReplicas', 'the desired replica count is more than the maximum replica count', now)
          : this.condition('ScalingLimited', 'False', 'DesiredWithinRange', 'the desired count is within the acceptable range', now);
    this.writeStatus(hpa, {
      observedGeneration: hpa.metadata.generation ?? 1,
      ...(lastScaleTime ? { lastScaleTime } : {}),
      ...(current ? { currentReplicas: current } : {}),
      desiredReplicas: desired,
      ...(reading.metrics.length ? { currentMetrics: reading.metrics } : {}),
      conditions: [able, reading.active, limited].reduce((list, c) => (c ? setCondition(list, c) : list), conditions),
    });
  }

  /** What the metrics ask for (bounds first, as the real controller checks them before reading metrics). */
  private read(hpa: KubeObject, target: KubeObject, current: number, min: number, max: number, now: number): Reading {
    if (current === 0) return { desired: 0, reason: '', metrics: [], active: this.condition('ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero', now) };
    if (current > max) return { desired: max, reason: 'Current number of replicas above Spec.MaxReplicas', metrics: [] };
    if (current < min) return { desired: min, reason: 'Current number of replicas below Spec.MinReplicas', metrics: [] };
    const metric = (rec(hpa.spec).metrics as Obj[] | undefined)?.find((m) => m.type === 'Resource' && rec(m.resource).name === 'cpu');
    const targetUtilization = rec(rec(metric?.resource).target).averageUtilization;
    const pods = (this.ctx.store.scan(R.pods, target.metadata.namespace) as Pod[]).filter(
      (p) => !p.metadata.deletionTimestamp && p.status?.phase === 'Running' && matchesRequirements(selectorRequirements(rec(target.spec).selector as LabelSelectorObject | undefined), p.metadata.labels),
    );
    let requested = 0;
    let used = 0;
    for (const pod of pods) {
      const container = pod.spec.containers?.[0] as { name: string; resources?: { requests?: Obj } } | undefined;
      const request = parseCpuMillis(container?.resources?.requests?.cpu);
      if (request === null) {
        const message = `the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container ${container?.name ?? ''} of Pod ${pod.metadata.name ?? ''}`;
        return { desired: current, reason: '', metrics: [], active: this.condition('ScalingActive', 'False', 'FailedGetResourceMetric', message, now) };
      }
      requested += request;
      used += this.usageOf(pod).cpu / 1e6;
    }
    if (typeof targetUtilization !== 'number' || pods.length === 0) {
      return { desired: current, reason: '', metrics: [], active: this.condition('ScalingActive', 'False', 'FailedGetResourceMetric', 'the HPA was unable to compute the replica count: failed to get cpu utilization: did not receive metrics for targeted pods (pods might be unready)', now) };
    }
    const utilization = Math.round((used / requested) * 100);
    const desired = replicasForUtilization(current, pods.filter(podReady).length || pods.length, utilization, targetUtilization);
    return {
      desired,
      reason: desired > current ? 'cpu resource utilization (percentage of request) above target' : 'All metrics below target',
      metrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: utilization, averageValue: `${Math.round(used / pods.length)}m` } } }],
      active: this.condition('ScalingActive', 'True', 'ValidMetricFound', 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)', now),
    };
  }

  private condition(type: string, status: Condition['status'], reason: string, message: string, now: number): Condition {
    return { type, status, lastTransitionTime: rfc3339(now), reason, message };
  }

  private writeStatus(hpa: KubeObject, status: Obj): void {
    if (sameJson(hpa.status, status)) return;
    this.ctx.store.update(R.hpas, { ...hpa, status }, { keepGeneration: true });
  }
}
