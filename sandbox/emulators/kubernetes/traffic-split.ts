// Where a Kubernetes service's requests go, read from the live cluster the way the data plane routes them:
// HTTPRoute backendRefs weights, VirtualService route weights (and mirror), else the Service's ready endpoints.

import { matchesRequirements, selectorRequirements } from './api/label-selector';
import type { ObjectStore } from './api/store';
import { isRecord, type KubeObject } from './api/types';
import type { Pod } from './controllers/apps-types';
import { R } from './controllers/context';
import { podReady } from './controllers/replicaset';
import { imageTag, VERSION_LABEL } from './labels';

export interface SplitShare {
  version: string;
  weight: number;
  /** False when the backend has no ready pod: its share gets 503s. */
  serving: boolean;
}

export interface MirrorShare {
  version: string;
  /** Fraction of all requests copied to this version, 0..1. */
  fraction: number;
}

export interface TrafficEntry {
  namespace: string;
  httpRoute?: string;
  virtualService?: string;
  service?: string;
}

type Obj = Record<string, unknown>;
const rec = (v: unknown): Obj => (isRecord(v) ? v : {});
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isRecord) : []);

/** The version a pod runs: its version label, else its image tag. */
export function versionOfPod(pod: Pod): string {
  return pod.metadata.labels?.[VERSION_LABEL] ?? pod.metadata.labels?.version ?? imageTag(pod.spec.containers?.[0]?.image ?? '') ?? 'unknown';
}

export class TrafficSplitReader {
  constructor(private readonly store: ObjectStore) {}

  /** Ready pods per version behind a Service (narrowed by extra labels, e.g. a DestinationRule subset). */
  readyByVersion(namespace: string, serviceName: string, extra: Record<string, string> = {}): { counts: Map<string, number>; declared?: string } {
    const service = this.store.get(R.services, namespace, serviceName);
    const selector = rec(rec(service?.spec).selector) as Record<string, string>;
    const counts = new Map<string, number>();
    if (!service || Object.keys(selector).length === 0) return { counts };
    const requirements = selectorRequirements({ matchLabels: { ...selector, ...extra } });
    for (const pod of this.store.scan(R.pods, namespace) as Pod[]) {
      if (pod.metadata.deletionTimestamp || !podReady(pod) || !matchesRequirements(requirements, pod.metadata.labels)) continue;
      const version = versionOfPod(pod);
      counts.set(version, (counts.get(version) ?? 0) + 1);
    }
    const declared = extra[VERSION_LABEL] ?? selector[VERSION_LABEL];
    return { counts, ...(declared ? { declared } : {}) };
  }

  /** Spreads `weight` over the versions behind a backend in proportion to their ready pods. */
  private spread(out: SplitShare[], weight: number, backend: { counts: Map<string, number>; declared?: string }): void {
    if (weight <= 0) return;
    const total = [...backend.counts.values()].reduce((a, b) => a + b, 0);
    if (total === 0) {
      if (backend.declared) out.push({ version: backend.declared, weight, serving: false });
      return;
    }
    for (const [version, count] of backend.counts) out.push({ version, weight: (weight * count) / total, serving: true });
  }

  shares(entry: TrafficEntry): SplitShare[] {
    const out: SplitShare[] = [];
    if (entry.httpRoute) {
      const route = this.store.get(R.httproutes, entry.namespace, entry.httpRoute);
      const rule = arr(rec(route?.spec).rules)[0];
      for (const ref of arr(rule?.backendRefs)) {
        const weight = typeof ref.weight === 'number' ? ref.weight : 1;
        this.spread(out, weight, this.readyByVersion(String(ref.namespace ?? entry.namespace), String(ref.name ?? '')));
      }
    } else if (entry.virtualService) {
      const http = this.virtualServiceHttp(entry);
      const routes = arr(http?.route);
      for (const route of routes) {
        const weight = routes.length === 1 ? 100 : typeof route.weight === 'number' ? route.weight : 0;
        const backend = this.destination(entry.namespace, rec(route.destination));
        if (backend) this.spread(out, weight, backend);
      }
    } else if (entry.service) this.spread(out, 1, this.readyByVersion(entry.namespace, entry.service));
    return merge(out);
  }

  /** Mirrored copies (VirtualService mirror / mirrors, HTTPRoute RequestMirror), as fractions of all requests. */
  mirrors(entry: TrafficEntry): MirrorShare[] {
    const targets: { backend: { counts: Map<string, number>; declared?: string }; percent: number }[] = [];
    if (entry.virtualService) {
      const http = this.virtualServiceHttp(entry);
      if (http && isRecord(http.mirror)) {
        const percent = typeof rec(http.mirrorPercentage).value === 'number' ? (rec(http.mirrorPercentage).value as number) : 100;
        const backend = this.destination(entry.namespace, http.mirror);
        if (backend) targets.push({ backend, percent });
      }
      for (const m of arr(http?.mirrors)) {
        const backend = this.destination(entry.namespace, rec(m.destination));
        const percent = typeof rec(m.percentage).value === 'number' ? (rec(m.percentage).value as number) : 100;
        if (backend) targets.push({ backend, percent });
      }
    }
    if (entry.httpRoute) {
      const rule = arr(rec(this.store.get(R.httproutes, entry.namespace, entry.httpRoute)?.spec).rules)[0];
      for (const filter of arr(rule?.filters)) {
        if (filter.type !== 'RequestMirror') continue;
        const mirror = rec(filter.requestMirror);
        const fraction = rec(mirror.fraction);
        const percent =
          typeof mirror.percent === 'number'
            ? mirror.percent
            : typeof fraction.numerator === 'number'
              ? (100 * fraction.numerator) / (typeof fraction.denominator === 'number' ? fraction.denominator : 100)
              : 100;
        const ref = rec(mirror.backendRef);
        targets.push({ backend: this.readyByVersion(String(ref.namespace ?? entry.namespace), String(ref.name ?? '')), percent });
      }
    }
    const out: MirrorShare[] = [];
    for (const { backend, percent } of targets) {
      const total = [...backend.counts.values()].reduce((a, b) => a + b, 0);
      for (const [version, count] of backend.counts) out.push({ version, fraction: (percent / 100) * (count / total) });
    }
    return out;
  }

  /** Whether any ready pod of `version` is among the pods the entry routes to. */
  versionServing(entry: TrafficEntry, version: string): boolean {
    return this.shares(entry).some((s) => s.version === version && s.serving) || this.anyReady(entry.namespace, version, entry.service);
  }

  private anyReady(namespace: string, version: string, service?: string): boolean {
    if (!service) return false;
    const svc = this.store.get(R.services, namespace, service);
    const selector = { ...(rec(rec(svc?.spec).selector) as Record<string, string>) };
    delete selector[VERSION_LABEL];
    const requirements = selectorRequirements({ matchLabels: selector });
    return (this.store.scan(R.pods, namespace) as Pod[]).some((p) => !p.metadata.deletionTimestamp && podReady(p) && matchesRequirements(requirements, p.metadata.labels) && versionOfPod(p) === version);
  }

  private virtualServiceHttp(entry: TrafficEntry): Obj | undefined {
    const vs: KubeObject | undefined = this.store.get(R.virtualservices, entry.namespace, entry.virtualService ?? '');
    return arr(rec(vs?.spec).http)[0];
  }

  private destination(namespace: string, destination: Obj): { counts: Map<string, number>; declared?: string } | null {
    const host = String(destination.host ?? '');
    const [serviceName, hostNamespace] = host.split('.');
    if (!serviceName) return null;
    const ns = hostNamespace && hostNamespace !== 'svc' ? hostNamespace : namespace;
    let extra: Record<string, string> = {};
    if (typeof destination.subset === 'string') {
      const rule = this.store.scan(R.destinationrules, ns).find((dr) => String(rec(dr.spec).host ?? '').split('.')[0] === serviceName);
      const subset = arr(rec(rule?.spec).subsets).find((s) => s.name === destination.subset);
      if (!subset) return { counts: new Map() };
      extra = rec(subset.labels) as Record<string, string>;
    }
    return this.readyByVersion(ns, serviceName, extra);
  }
}

function merge(shares: SplitShare[]): SplitShare[] {
  const out: SplitShare[] = [];
  for (const s of shares) {
    const found = out.find((o) => o.version === s.version && o.serving === s.serving);
    if (found) found.weight += s.weight;
    else out.push({ ...s });
  }
  return out;
}
