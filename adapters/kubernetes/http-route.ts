// Gateway API HTTPRoute: the split is the weights of a rule's backendRefs (default 1, share = weight / Σ weights);
// a canary moves them with one JSON patch guarded by the route's resourceVersion. Mirroring is a RequestMirror filter.

import type { TrafficSplit } from '../../app/model';
import type { JsonPatchOp } from './json-patch';
import { splitOfWeights } from './shares';

export interface HttpBackendRef {
  name: string;
  namespace?: string;
  port?: number;
  weight?: number;
  group?: string;
  kind?: string;
}

export interface HttpRouteFilter {
  type: string;
  requestMirror?: { backendRef: HttpBackendRef; percent?: number; fraction?: { numerator: number; denominator?: number } };
  [key: string]: unknown;
}

export interface HttpRouteRule {
  backendRefs?: HttpBackendRef[];
  filters?: HttpRouteFilter[];
  [key: string]: unknown;
}

export interface HttpRoute {
  metadata: { name: string; namespace?: string; resourceVersion?: string; labels?: Record<string, string> };
  spec: { rules?: HttpRouteRule[]; [key: string]: unknown };
}

/** backendRef name → version, or null for a backend that carries no version of this service. */
export type BackendVersion = (backendName: string) => string | null;

/** Rules that route to at least one version of the service. */
export function releaseRules(route: HttpRoute, versionOf: BackendVersion): number[] {
  return (route.spec.rules ?? []).flatMap((rule, i) => ((rule.backendRefs ?? []).some((b) => versionOf(b.name) !== null) ? [i] : []));
}

/** The split of the first rule that routes to the service; backends of other services show under their own names. */
export function httpRouteSplit(route: HttpRoute, versionOf: BackendVersion, versions: string[] = []): TrafficSplit {
  const index = releaseRules(route, versionOf)[0];
  if (index === undefined) return [];
  const refs = route.spec.rules![index]!.backendRefs ?? [];
  return splitOfWeights(
    refs.map((b) => ({ version: versionOf(b.name) ?? b.name, weight: b.weight ?? 1 })),
    versions,
  );
}

/**
 * Sets the candidate backend's weight to `percent` and the stable one's to 100 − percent in every rule that routes to
 * the service (other versions of the service go to 0; foreign backends are left alone). A rule without the candidate
 * backend gets it, on the stable backend's port.
 */
export function httpRouteWeightPatch(
  route: HttpRoute,
  versionOf: BackendVersion,
  backends: { stable: string; candidate: string },
  candidatePercent: number,
): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  if (route.metadata.resourceVersion) ops.push({ op: 'test', path: '/metadata/resourceVersion', value: route.metadata.resourceVersion });
  const weightOf = (name: string) =>
    name === backends.candidate ? candidatePercent : name === backends.stable ? 100 - candidatePercent : versionOf(name) !== null ? 0 : null;
  for (const i of releaseRules(route, versionOf)) {
    const refs = route.spec.rules![i]!.backendRefs ?? [];
    refs.forEach((ref, j) => {
      const weight = weightOf(ref.name);
      if (weight !== null && (ref.weight ?? 1) !== weight) ops.push({ op: 'add', path: `/spec/rules/${i}/backendRefs/${j}/weight`, value: weight });
    });
    for (const name of [backends.stable, backends.candidate]) {
      if (refs.some((r) => r.name === name) || weightOf(name) === 0) continue;
      const template = refs.find((r) => versionOf(r.name) !== null) ?? refs[0];
      const added: HttpBackendRef = { name, weight: weightOf(name)! };
      if (template?.port !== undefined) added.port = template.port;
      if (template?.namespace !== undefined) added.namespace = template.namespace;
      ops.push({ op: 'add', path: `/spec/rules/${i}/backendRefs/-`, value: added });
    }
  }
  return ops;
}

/** The mirrored backend and percent of the first release rule, if it mirrors. */
export function httpRouteMirror(route: HttpRoute, versionOf: BackendVersion): { version: string; percent: number } | null {
  const index = releaseRules(route, versionOf)[0];
  const filter = index === undefined ? undefined : route.spec.rules![index]!.filters?.find((f) => f.type === 'RequestMirror');
  const mirror = filter?.requestMirror;
  if (!mirror) return null;
  const fraction = mirror.fraction ? (mirror.fraction.numerator / (mirror.fraction.denominator ?? 100)) * 100 : null;
  return { version: versionOf(mirror.backendRef.name) ?? mirror.backendRef.name, percent: mirror.percent ?? fraction ?? 100 };
}

/** Mirrors `percent` of the release rules' requests to `backend` (null removes the mirror). */
export function httpRouteMirrorPatch(route: HttpRoute, versionOf: BackendVersion, backend: HttpBackendRef | null, percent: number): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  if (route.metadata.resourceVersion) ops.push({ op: 'test', path: '/metadata/resourceVersion', value: route.metadata.resourceVersion });
  for (const i of releaseRules(route, versionOf)) {
    const others = (route.spec.rules![i]!.filters ?? []).filter((f) => f.type !== 'RequestMirror');
    const mirror: HttpRouteFilter[] = backend
      ? [{ type: 'RequestMirror', requestMirror: { backendRef: { ...backend, weight: undefined }, percent: Math.round(percent) } }]
      : [];
    ops.push({ op: 'add', path: `/spec/rules/${i}/filters`, value: JSON.parse(JSON.stringify([...others, ...mirror])) });
  }
  return ops;
}
