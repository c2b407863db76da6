// The scale world for `npm run bench:scale` and the fleet e2e spec: N HAProxy services × M servers, some releases
// running, generated (never checked in) and written as a scenario file the sandbox loads like any other.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

export interface ScaleOptions {
  services: number;
  /** Servers per service, split evenly between stable and candidate. */
  serversPerService: number;
  /** Releases the world starts at once (canaries that step every few seconds and then wait). */
  running: number;
}

export const SCALE_DEFAULTS: ScaleOptions = { services: 250, serversPerService: 40, running: 20 };

const AREAS = ['billing', 'search', 'catalog', 'checkout', 'payments', 'identity', 'orders', 'shipping', 'pricing', 'reviews'];
const PARTS = ['api', 'worker', 'gateway', 'indexer', 'feed', 'ledger', 'cache', 'events', 'export', 'admin', 'sync', 'notify', 'quota', 'audit', 'media', 'graph', 'rank', 'tax', 'promo', 'stock', 'label', 'refund', 'match', 'session', 'token'];

/** `billing-api`, `billing-worker`, …: 250 distinct ids, each area a family. */
export function scaleServiceId(i: number): string {
  const area = AREAS[i % AREAS.length]!;
  const part = PARTS[Math.floor(i / AREAS.length) % PARTS.length]!;
  const round = Math.floor(i / (AREAS.length * PARTS.length));
  return round === 0 ? `${area}-${part}` : `${area}-${part}-${round + 1}`;
}

function titleCase(id: string): string {
  return id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

/** Steps every 4 s up to 40 %, then waits for an operator: the releases stay running and move during the bench. */
const RUNNING_PLAN = {
  strategy: 'canary',
  steps: [
    ...[5, 10, 20, 30, 40].flatMap((percent) => [{ kind: 'setWeight', percent }, { kind: 'pause', durationMs: 4000 }]),
    { kind: 'pause', durationMs: null },
    { kind: 'setWeight', percent: 100 },
  ],
};

export function scaleScenario(options: ScaleOptions = SCALE_DEFAULTS): Record<string, unknown> {
  const half = Math.max(1, Math.floor(options.serversPerService / 2));
  const services = Array.from({ length: options.services }, (_, i) => {
    const id = scaleServiceId(i);
    const running = i < options.running;
    const strategy = running ? 'canary' : i % 10 === 7 ? 'rolling' : i % 10 === 9 ? 'blue-green' : 'canary';
    const stable = `${1 + (i % 4)}.${i % 13}.${i % 7}`;
    const candidate = `${1 + (i % 4)}.${(i % 13) + 1}.0`;
    // Every 25th service has a candidate that fails 6 % of requests, every 40th a stable server whose check fails.
    const badCandidate = !running && i % 25 === 3;
    return {
      id,
      name: titleCase(id),
      strategy,
      requestRate: 20 + (i % 9) * 15,
      stable,
      candidate,
      ...(running ? { plan: RUNNING_PLAN } : {}),
      versions: {
        [stable]: { servers: half, errorRate: 0.001 + (i % 5) * 0.0004, p50Ms: 30 + (i % 11) * 6, p99Ms: 200 + (i % 17) * 30 },
        [candidate]: { servers: Math.max(1, options.serversPerService - half), errorRate: badCandidate ? 0.06 : 0.001, p50Ms: 28 + (i % 11) * 6, p99Ms: 190 + (i % 17) * 30 },
      },
    };
  });
  const events = services
    .filter((_, i) => i % 40 === 11)
    .map((service) => ({ at: '1s', server: `${service.id}-${service.stable}-1`, check: 'refused' }));
  return {
    description: `Scale: ${options.services} HAProxy services × ${options.serversPerService} servers, ${options.running} releases running.`,
    services,
    autoStart: services.slice(0, options.running).map((s) => ({ serviceId: s.id, after: '500ms' })),
    events,
  };
}

/** Writes DIR/scale.yaml; returns the scenario name to pass with DIR as the scenarios folder. */
export function writeScaleScenario(dir: string, options: ScaleOptions = SCALE_DEFAULTS): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'scale.yaml'), stringify(scaleScenario(options)), 'utf8');
  return 'scale';
}
