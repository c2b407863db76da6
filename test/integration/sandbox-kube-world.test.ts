// The sandbox world's Kubernetes part: the kubeconfig it writes, the services it seeds, and traffic that follows
// the data plane (HTTPRoute weights, VirtualService mirror, Service selector) into /v1/metrics.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxWorld } from '../../sandbox/index';
import { binomialLower, binomialUpper } from '../support/margins';
import { countsOf, sandboxCounts } from './sandbox-counts';
import { until as untilValue } from '../support/until';

const eventually = <T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 15_000): Promise<T> => untilValue(read, ok, ms);

const scenariosDir = join(__dirname, '..', '..', 'resources', 'scenarios');
let world: SandboxWorld;
let dir: string;

interface Metrics {
  versions: { version: string; requestRate: number; errorRate: number | null }[];
  mirrored?: { version: string; requestRate: number }[];
}

// Error rates of the versions these tests measure (resources/scenarios/bad-canary.yaml).
const ERROR_RATE = { storefrontStable: 0.002, storefrontCanary: 0.09, cartGreen: 0.001 };
/** Enough requests that the 1e-9 bounds separate a version's own errors from a burst of 503s (or a healthy rate). */
const MEASURED = 2000;

const metricsUrl = () => world.endpoints.find((e) => e.name === 'Metrics (JSON)')!.url.replace(/\?.*$/, '');
const metrics = async (service: string): Promise<Metrics> => (await fetch(`${metricsUrl()}?service=${service}`)).json() as Promise<Metrics>;
const version = (m: Metrics, v: string) => m.versions.find((x) => x.version === v);

async function kube(method: string, path: string, body?: unknown, contentType = 'application/merge-patch+json') {
  const res = await fetch(world.kubernetes.url + path, { method, headers: { 'content-type': contentType }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return res.json() as Promise<Record<string, unknown>>;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sy-kube-world-'));
  world = await startSandbox({ scenario: 'bad-canary', scenariosDir, speed: 10, dir, seed: 7 });
});
afterAll(async () => {
  await world?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('sandbox world: Kubernetes', () => {
  it('writes DIR/kubeconfig with the switchyard-sandbox context and lists the API server among the endpoints', () => {
    expect(world.kubernetes).toMatchObject({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), kubeconfigPath: join(dir, 'kubeconfig'), context: 'switchyard-sandbox', namespace: 'shop' });
    const config = parse(readFileSync(join(dir, 'kubeconfig'), 'utf8'));
    expect(config['current-context']).toBe('switchyard-sandbox');
    expect(config.clusters[0].cluster).toEqual({ server: world.kubernetes.url, 'insecure-skip-tls-verify': true });
    expect(config.contexts[0].context).toMatchObject({ namespace: 'shop' });
    expect(world.endpoints).toEqual(expect.arrayContaining([{ name: 'Kubernetes API server', url: world.kubernetes.url }]));
  });

  it('seeds a releasable service per routing kind, described with the keys the adapter configures', () => {
    const byId = Object.fromEntries(world.kubernetes.services.map((s) => [s.id, s]));
    expect(byId.storefront).toMatchObject({ strategy: 'canary', routing: 'httproute', httpRoute: 'storefront', deployments: { '2.3.0': 'storefront-2-3-0', '2.4.0': 'storefront-2-4-0' } });
    expect(byId.cart).toMatchObject({ strategy: 'blue-green', routing: 'selector', service: 'cart', deployments: { '1.8.0': 'cart-1-8-0', '1.9.0': 'cart-1-9-0' } });
    expect(byId.reviews).toMatchObject({ strategy: 'rolling', routing: 'deployment', deployment: 'reviews', images: { '3.2.0': 'registry.switchyard.dev/reviews:3.2.0' } });
    expect(byId.recommendations).toMatchObject({ routing: 'virtualservice', virtualService: 'recommendations' });
    expect(byId.ratings).toMatchObject({ routing: 'rollout', rollout: 'ratings' });
  });

  it('starts with every seeded pod running: no 503s at world start', async () => {
    const pods = (await kube('GET', '/api/v1/namespaces/shop/pods')) as { items: { status: { phase: string } }[] };
    expect(pods.items.length).toBeGreaterThanOrEqual(15);
    expect(pods.items.every((p) => p.status.phase === 'Running')).toBe(true);
    const m = await eventually(() => metrics('storefront'), (x) => (version(x, '2.3.0')?.requestRate ?? 0) > 0);
    expect(version(m, '2.4.0')!.requestRate).toBe(0);
    // Every request since the world started: errors beyond 2.3.0's own 0.2 % (bounded for the count measured) are 503s.
    const counts = await eventually(() => sandboxCounts(world, 'storefront'), (c) => countsOf(c, '2.3.0').requests >= MEASURED);
    const stable = countsOf(counts, '2.3.0');
    expect(stable.errors).toBeLessThanOrEqual(binomialUpper(stable.requests, ERROR_RATE.storefrontStable));
  });

  it('sends traffic by HTTPRoute weights, so the bad canary shows in its metrics', async () => {
    await kube('PATCH', '/apis/gateway.networking.k8s.io/v1/namespaces/shop/httproutes/storefront', [
      { op: 'replace', path: '/spec/rules/0/backendRefs/0/weight', value: 50 },
      { op: 'replace', path: '/spec/rules/0/backendRefs/1/weight', value: 50 },
    ], 'application/json-patch+json');
    await eventually(() => metrics('storefront'), (x) => (version(x, '2.4.0')?.requestRate ?? 0) > 50);
    // 2.4.0 served nothing before the patch: all its requests are canary traffic. Over 2,000 of them its 9 % error
    // rate cannot hide (its lower bound is 5.4 %), and 2.3.0 stays at its own 0.2 % (upper bound 1.05 %).
    const counts = await eventually(() => sandboxCounts(world, 'storefront'), (c) => countsOf(c, '2.4.0').requests >= MEASURED);
    const canary = countsOf(counts, '2.4.0');
    const stable = countsOf(counts, '2.3.0');
    expect(canary.errors).toBeGreaterThanOrEqual(binomialLower(canary.requests, ERROR_RATE.storefrontCanary));
    expect(stable.errors).toBeLessThanOrEqual(binomialUpper(stable.requests, ERROR_RATE.storefrontStable));
  });

  it('counts VirtualService mirror copies apart from the user split', async () => {
    const m = await eventually(() => metrics('recommendations'), (x) => (x.mirrored?.[0]?.requestRate ?? 0) > 0);
    expect(m.mirrored!.map((x) => x.version)).toEqual(['1.0.0']);
    expect(version(m, '1.0.0')!.requestRate).toBe(0);
    expect(m.mirrored![0]!.requestRate).toBeLessThan(version(m, '0.9.4')!.requestRate);
  });

  it('follows a blue-green Service selector switch once green has ready pods', async () => {
    await kube('PATCH', '/apis/apps/v1/namespaces/shop/deployments/cart-1-9-0/scale', { spec: { replicas: 2 } });
    await eventually(() => kube('GET', '/apis/apps/v1/namespaces/shop/deployments/cart-1-9-0'), (d) => (d.status as { availableReplicas?: number }).availableReplicas === 2);
    await kube('PATCH', '/api/v1/namespaces/shop/services/cart', { spec: { selector: { 'app.kubernetes.io/version': '1.9.0' } } }, 'application/strategic-merge-patch+json');
    await eventually(() => metrics('cart'), (x) => (version(x, '1.9.0')?.requestRate ?? 0) > 40);
    // Green served nothing before the switch: its errors stay at its own 0.1 % (no 503s while the selector moves).
    const counts = await eventually(() => sandboxCounts(world, 'cart'), (c) => countsOf(c, '1.9.0').requests >= MEASURED);
    const green = countsOf(counts, '1.9.0');
    expect(green.errors).toBeLessThanOrEqual(binomialUpper(green.requests, ERROR_RATE.cartGreen));
  });
});
