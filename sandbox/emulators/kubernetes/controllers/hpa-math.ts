// The horizontal pod autoscaler's arithmetic (pkg/controller/podautoscaler): the replica count a CPU utilization
// asks for, within the 10 % tolerance, the scale-up rate limit and the min/max bounds.

/** Utilization within this fraction of the target leaves the replica count alone. */
export const TOLERANCE = 0.1;

/** CPU in millicores from a quantity: `250m`, `0.5`, `2`; null when it is none of them. */
export function parseCpuMillis(quantity: unknown): number | null {
  const match = /^(\d+(?:\.\d+)?)(m?)$/.exec(String(quantity ?? ''));
  if (!match) return null;
  const value = Number(match[1]);
  return match[2] === 'm' ? value : value * 1000;
}

/** Replicas for `utilization` % of the requests against a `target` %, over `ready` pods; current when within tolerance. */
export function replicasForUtilization(current: number, ready: number, utilization: number, target: number): number {
  const ratio = utilization / target;
  if (Math.abs(ratio - 1) <= TOLERANCE) return current;
  return Math.ceil(ratio * ready);
}

/** The default scale-up behaviour: at most 4 pods or 100 % more per period, whichever is more. */
export function scaleUpLimit(current: number): number {
  return Math.max(current + 4, current * 2);
}

export type Limit = 'TooFewReplicas' | 'TooManyReplicas' | null;

export function clamp(desired: number, min: number, max: number): { replicas: number; limit: Limit } {
  if (desired < min) return { replicas: min, limit: 'TooFewReplicas' };
  if (desired > max) return { replicas: max, limit: 'TooManyReplicas' };
  return { replicas: desired, limit: null };
}
