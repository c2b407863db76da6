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
  /**
   * Keep-alive clients of a server taken out of rotation (weight 0, drain) go on sending to it for this long (world
   * ms), tapering off from its former share to nothing, as HAProxy keeps established connections. Default 0: none.
   */
  drainMs?: number;
}
