// Generates requests on world time, routes them by the emulated HAProxy's live state, updates its counters,
// and keeps windowed per-version statistics for the metrics endpoint.

import type { Clock } from '../clock';
import type { HaproxyState } from '../haproxy/state';
import type { EmulatedBackend } from '../haproxy/backend';
import type { EmulatedServer } from '../haproxy/server';
import { LogNormalLatency } from './latency';
import type { SimulatedService, VersionProfile } from './profile';
import { seededRandom, type Random } from './random';
import type { LoggedRequest } from './request-log';
import { RoundRobinRouter } from './router';
import { RequestWindow, versionStats, type VersionStats, type VersionTotals } from './window';
import { WeightedService, type WeightedServiceSpec } from './weighted';
import { FlagCohorts, type FlagCohortSpec, type FlagReader } from './flag-cohorts';

export interface TrafficSimulatorOptions {
  clock: Clock;
  haproxy: HaproxyState;
  services: SimulatedService[];
  seed?: number;
  /** Wall ms between ticks. */
  tickMs?: number;
  /** At most this many sampled requests per service per tick; beyond it each sample stands for several requests. */
  maxSamplesPerTick?: number;
  /** World ms of the metrics window. */
  windowMs?: number;
}

export interface ServiceMetrics {
  service: string;
  windowMs: number;
  at: number;
  versions: VersionStats[];
  /** Shadow copies per version (mirroring), not part of the user-facing split. */
  mirrored?: VersionStats[];
  /** Feature-flag cohorts ("flag=on" / "flag=off" as the version name), when the service has flags. */
  cohorts?: VersionStats[];
}

const BYTES_IN = 420;
/** World ms a metrics read may be behind the world before it ticks it (reads are windowed over seconds). */
const MIN_READ_TICK_MS = 50;
const BYTES_OUT = 1380;
const NO_SERVER_BYTES_OUT = 217;

interface ServiceRun {
  spec: SimulatedService;
  backend: EmulatedBackend;
  router: RoundRobinRouter;
  latency: Map<string, LogNormalLatency>;
  windows: Map<string, RequestWindow>;
  totals: Map<string, VersionTotals>;
  carry: number;
  cohorts: FlagCohorts | null;
  /** Servers in rotation at the last tick, with their share of requests. */
  inRotation: Map<string, number>;
  /** Servers that left the rotation within drainMs: when, and the share they had. */
  draining: Map<string, { at: number; share: number }>;
  /** Servers whose current sessions are above 0. */
  sessionHolders: EmulatedServer[];
}

export class TrafficSimulator {
  readonly windowMs: number;
  private readonly clock: Clock;
  private readonly haproxy: HaproxyState;
  private readonly random: Random;
  private readonly tickMs: number;
  private readonly maxSamples: number;
  private readonly runs = new Map<string, ServiceRun>();
  /** Services routed by weights rather than by the HAProxy emulator (ECS). */
  private readonly weighted = new Map<string, WeightedService>();
  private readonly startedAt: number;
  private lastTick: number;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(options: TrafficSimulatorOptions) {
    this.clock = options.clock;
    this.haproxy = options.haproxy;
    this.random = seededRandom(options.seed ?? 1);
    this.tickMs = options.tickMs ?? 100;
    this.maxSamples = options.maxSamplesPerTick ?? 500;
    this.windowMs = options.windowMs ?? 10_000;
    this.startedAt = this.clock.now();
    this.lastTick = this.startedAt;
    for (const spec of options.services) this.add(spec);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.tickMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  services(): SimulatedService[] {
    return [...this.runs.values()].map((run) => run.spec);
  }

  /** Ids of every simulated service: HAProxy-routed and weight-routed. */
  serviceIds(): string[] {
    return [...this.runs.keys(), ...this.weighted.keys()];
  }

  /** Adds a service whose requests follow `spec.shares()` (e.g. ECS production traffic weights). */
  addWeighted(spec: WeightedServiceSpec): void {
    if (this.runs.has(spec.id) || this.weighted.has(spec.id)) throw new Error(`simulated service ${spec.id} exists already`);
    this.weighted.set(spec.id, new WeightedService(spec, this.random, this.windowMs));
  }

  /** Stops simulating a weight-routed service (a Service deleted at run time). */
  removeWeighted(id: string): void {
    this.weighted.delete(id);
  }

  hasService(id: string): boolean {
    return this.runs.has(id) || this.weighted.has(id);
  }

  /** The last requests a weight-routed service served (empty for others). */
  requestLog(serviceId: string, version?: string): LoggedRequest[] {
    this.tick();
    return this.weighted.get(serviceId)?.log.read(version) ?? [];
  }

  /**
   * Generates the requests of the world time elapsed since the last tick. A read (metrics) ticks first, unless the
   * last tick is under MIN_READ_TICK_MS old: 250 services read once a second would otherwise tick the world 250 times.
   */
  tick(minSpanMs = 0): void {
    const now = this.clock.now();
    const from = this.lastTick;
    if (now <= from || now - from < minSpanMs) return;
    this.lastTick = now;
    this.haproxy.advance();
    for (const run of this.runs.values()) this.generate(run, from, now);
    for (const service of this.weighted.values()) service.generate(from, now, this.maxSamples);
    const sessions = [...this.runs.values()].reduce((sum, run) => sum + run.backend.counters.scur, 0);
    this.haproxy.frontend.setCurrentSessions(sessions);
  }

  metrics(serviceId: string): ServiceMetrics | null {
    const weighted = this.weighted.get(serviceId);
    if (weighted) {
      this.tick(MIN_READ_TICK_MS);
      const at = this.clock.now();
      const mirrored = weighted.mirroredVersions(at, at - this.startedAt);
      return { service: serviceId, windowMs: this.windowMs, at, versions: weighted.metricsVersions(at, at - this.startedAt), ...(mirrored.length ? { mirrored } : {}) };
    }
    const run = this.runs.get(serviceId);
    if (!run) return null;
    this.tick(MIN_READ_TICK_MS);
    const at = this.clock.now();
    const span = at - this.startedAt;
    const versions = versionStats(Object.keys(run.spec.versions), run.windows, at, span);
    return { service: serviceId, windowMs: this.windowMs, at, versions, ...(run.cohorts ? { cohorts: run.cohorts.stats(at, span) } : {}) };
  }

  totals(serviceId: string): VersionTotals[] {
    const weighted = this.weighted.get(serviceId);
    if (weighted) return weighted.versionTotals();
    return [...(this.runs.get(serviceId)?.totals.values() ?? [])];
  }

  /** Counters since start per flag cohort ("flag=on" / "flag=off"); empty for a service without flags. */
  cohortTotals(serviceId: string): VersionTotals[] {
    return this.runs.get(serviceId)?.cohorts?.totals() ?? [];
  }

  versionHealthy(serviceId: string, version: string): boolean | null {
    const weighted = this.weighted.get(serviceId)?.spec.versions[version];
    if (weighted) return weighted.healthy;
    const run = this.runs.get(serviceId);
    const profile = run?.spec.versions[version];
    if (!run || !profile) return null;
    return profile.healthy;
  }

  setVersionProfile(serviceId: string, version: string, patch: Partial<VersionProfile>): void {
    const weighted = this.weighted.get(serviceId);
    if (weighted) return weighted.setVersionProfile(version, patch);
    const run = this.require(serviceId);
    const current = run.spec.versions[version];
    if (!current) throw new Error(`service ${serviceId} has no version ${version}`);
    const next = { ...current, ...patch };
    run.latency.set(version, new LogNormalLatency(next.p50Ms, next.p99Ms));
    run.spec.versions[version] = next;
  }

  /** The service's feature flags: requests split into each flag's "on" and "off" cohorts as the flag store says. */
  setFlagCohorts(serviceId: string, specs: FlagCohortSpec[], read: FlagReader): void {
    this.require(serviceId).cohorts = specs.length > 0 ? new FlagCohorts(specs, read, this.random, this.windowMs) : null;
  }

  setRequestRate(serviceId: string, requestRate: number): void {
    if (!(requestRate >= 0)) throw new Error(`request rate must be 0 or more, got ${requestRate}`);
    const weighted = this.weighted.get(serviceId);
    if (weighted) {
      weighted.spec.requestRate = requestRate;
      return;
    }
    this.require(serviceId).spec.requestRate = requestRate;
  }

  private add(input: SimulatedService): void {
    const spec = structuredClone(input);
    const backend = this.haproxy.backend(spec.backend);
    if (!backend) throw new Error(`service ${spec.id}: the HAProxy emulator has no backend ${spec.backend}`);
    const versions = Object.keys(spec.versions);
    for (const [server, version] of Object.entries(spec.servers)) {
      if (!backend.server(server)) throw new Error(`service ${spec.id}: backend ${spec.backend} has no server ${server}`);
      if (!spec.versions[version]) throw new Error(`service ${spec.id}: server ${server} runs unknown version ${version}`);
    }
    this.runs.set(spec.id, {
      spec,
      backend,
      router: new RoundRobinRouter(backend),
      latency: new Map(versions.map((v) => [v, new LogNormalLatency(spec.versions[v]!.p50Ms, spec.versions[v]!.p99Ms)])),
      windows: new Map(versions.map((v) => [v, new RequestWindow(this.windowMs, this.random)])),
      totals: new Map(versions.map((v) => [v, { version: v, requests: 0, errors: 0, latencySumMs: 0 }])),
      carry: 0,
      cohorts: null,
      inRotation: new Map(),
      draining: new Map(),
      sessionHolders: [],
    });
  }

  private require(serviceId: string): ServiceRun {
    const run = this.runs.get(serviceId);
    if (!run) throw new Error(`no simulated service ${serviceId}`);
    return run;
  }

  private generate(run: ServiceRun, from: number, to: number): void {
    const expected = (run.spec.requestRate * (to - from)) / 1000 + run.carry;
    const requests = Math.floor(expected);
    run.carry = expected - requests;
    run.router.refresh();
    if (requests === 0) {
      this.updateSessions(run, 0, to - from);
      return;
    }
    this.followRotation(run, from);
    const samples = Math.min(requests, this.maxSamples);
    const base = Math.floor(requests / samples);
    const extra = requests % samples;
    for (let i = 0; i < samples; i++) {
      const count = base + (i < extra ? 1 : 0);
      this.serve(run, from + ((i + 1) / samples) * (to - from), count);
    }
    this.updateSessions(run, requests, to - from);
  }

  /** Servers that just left the rotation start draining (only when the service has a drainMs). */
  private followRotation(run: ServiceRun, at: number): void {
    const drainMs = run.spec.drainMs ?? 0;
    if (drainMs <= 0) return;
    const usable = run.backend.usableServers();
    const total = usable.reduce((sum, s) => sum + s.uweight, 0);
    const now = new Map(usable.map((s) => [s.name, total > 0 ? s.uweight / total : 0]));
    for (const [name, share] of run.inRotation) if (!now.has(name)) run.draining.set(name, { at, share });
    for (const name of now.keys()) run.draining.delete(name);
    run.inRotation = now;
  }

  /** A request from a keep-alive client of a draining server, or null (most requests): the router picks. */
  private drainingPick(run: ServiceRun, at: number): ReturnType<RoundRobinRouter['pick']> {
    if (run.draining.size === 0) return null;
    const drainMs = run.spec.drainMs ?? 0;
    let roll = this.random();
    for (const [name, { at: since, share }] of run.draining) {
      const left = 1 - (at - since) / drainMs;
      if (left <= 0) {
        run.draining.delete(name);
        continue;
      }
      roll -= share * left;
      if (roll < 0) return run.backend.server(name) ?? null;
    }
    return null;
  }

  /** One sampled request standing for `count` identical ones. */
  private serve(run: ServiceRun, at: number, count: number): void {
    const server = this.drainingPick(run, at) ?? run.router.pick();
    const frontend = this.haproxy.frontend;
    if (!server) {
      run.backend.counters.recordUnserved(at, count, BYTES_IN, NO_SERVER_BYTES_OUT);
      frontend.recordUnserved(at, count, BYTES_IN, NO_SERVER_BYTES_OUT);
      return;
    }
    const version = run.spec.servers[server.name];
    const profile = version === undefined ? undefined : run.spec.versions[version];
    const latency = version === undefined ? undefined : run.latency.get(version);
    if (version === undefined || !profile || !latency) {
      throw new Error(`service ${run.spec.id}: server ${server.name} is not mapped to a version`);
    }
    const latencyMs = latency.sample(this.random);
    const versionError = this.random() < profile.errorRate;
    // A request on a flag's new path may fail there: the user sees the 5xx, whichever version served it.
    const error = run.cohorts ? (run.cohorts.serve(at, latencyMs, versionError, count) ?? versionError) : versionError;
    const record = { status: error ? 500 : 200, latencyMs, bytesIn: BYTES_IN, bytesOut: BYTES_OUT };
    server.counters.record(at, record, count, true);
    run.backend.counters.record(at, record, count, true);
    frontend.record(at, record, count, false);
    run.windows.get(version)?.record(at, latencyMs, error, count);
    const totals = run.totals.get(version);
    if (totals) {
      totals.requests += count;
      if (error) totals.errors += count;
      totals.latencySumMs += latencyMs * count;
    }
  }

  /**
   * Concurrent sessions by Little's law: arrival rate × mean time in the system. Only the servers that take traffic
   * (and those still holding sessions) are visited, so the work follows the traffic, not the number of servers.
   */
  private updateSessions(run: ServiceRun, requests: number, spanMs: number): void {
    const rate = requests / Math.max(1, spanMs / 1000);
    const usable = run.router.servers();
    const activeWeight = Math.max(1, usable.reduce((sum, s) => sum + s.uweight, 0));
    let backendSessions = 0;
    for (const server of usable) {
      const version = run.spec.servers[server.name];
      const profile = version === undefined ? undefined : run.spec.versions[version];
      const sessions = profile ? Math.round(rate * (server.uweight / activeWeight) * (profile.p50Ms / 1000)) : 0;
      server.counters.setCurrentSessions(sessions);
      backendSessions += sessions;
    }
    for (const server of run.sessionHolders) if (!usable.includes(server)) server.counters.setCurrentSessions(0);
    run.sessionHolders = usable.filter((s) => s.counters.scur > 0);
    run.backend.counters.setCurrentSessions(backendSessions);
  }
}
