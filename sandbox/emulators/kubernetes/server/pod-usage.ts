// A running pod's CPU and memory as metrics-server would report them, from the load the world says it carries:
// a little at rest, more per request per second, a steady per-pod offset so replicas do not read identical.

import { fnv32a } from '../controllers/template-hash';

/** Requests per second a pod is serving now (its share of the simulated traffic); the world supplies it. */
export type PodLoadSource = (pod: { metadata: { name?: string; namespace?: string; uid?: string } }) => number;

export interface Usage {
  /** Nanocores. */
  cpu: number;
  /** Bytes. */
  memory: number;
}

const MI = 1024 * 1024;
/** CPU a container uses at rest and per request served each second (1.5 ms of CPU per request). */
const IDLE_NANOCORES = 1_000_000;
const NANOCORES_PER_RPS = 1_500_000;
/** A container's resident memory at rest and what each request per second in flight adds. */
const IDLE_MEMORY = 18 * MI;
const MEMORY_PER_RPS = 96 * 1024;

export function podUsage(uid: string, requestsPerSecond: number): Usage {
  const rps = Math.max(0, requestsPerSecond);
  const offset = fnv32a(new TextEncoder().encode(uid)) % 1000;
  return {
    cpu: Math.round(IDLE_NANOCORES + offset * 1000 + rps * NANOCORES_PER_RPS),
    memory: Math.round(IDLE_MEMORY + offset * 4096 + rps * MEMORY_PER_RPS),
  };
}

/** A node's own usage (kubelet, runtime) under its pods'. */
export const NODE_BASE: Usage = { cpu: 45_000_000, memory: 480 * MI };

/** Quantities as metrics-server writes them: nanocores (`123456789n`) and kibibytes (`23456Ki`). */
export function usageQuantities(usage: Usage): { cpu: string; memory: string } {
  return { cpu: `${Math.round(usage.cpu)}n`, memory: `${Math.round(usage.memory / 1024)}Ki` };
}
