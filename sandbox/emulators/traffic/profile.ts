// What the simulated traffic of a service looks like: its request rate and, per version, errors and latency.

export interface VersionProfile {
  /** Fraction of requests answered with a 5xx, 0..1. */
  errorRate: number;
  p50Ms: number;
  p99Ms: number;
  /** Whether the version's smoke endpoint (/healthz) answers 200. */
  healthy: boolean;
}

export interface SimulatedService {
  id: string;
  backend: string;
  /** Requests per world second arriving at the backend. */
  requestRate: number;
  versions: Record<string, VersionProfile>;
  /** HAProxy server name → the version it runs. */
  servers: Record<string, string>;
}
