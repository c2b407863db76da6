// Istio VirtualService: the split is an http route's destination weights (relative; a lone destination gets 100 %);
// mirroring is `mirror` + `mirrorPercentage.value`. Custom resource: JSON or merge patches only (strategic → 415).

import type { TrafficSplit } from '../../app/model';
import type { JsonPatchOp } from './json-patch';
import { splitOfWeights } from './shares';

export interface Destination {
  host: string;
  subset?: string;
  port?: { number: number };
}

export interface RouteDestination {
  destination: Destination;
  weight?: number;
  [key: string]: unknown;
}

export interface VirtualServiceHttp {
  route?: RouteDestination[];
  mirror?: Destination;
  mirrorPercentage?: { value: number };
  [key: string]: unknown;
}

export interface VirtualService {
  metadata: { name: string; namespace?: string; resourceVersion?: string };
  spec: { hosts?: string[]; http?: VirtualServiceHttp[]; [key: string]: unknown };
}

export type DestinationVersion = (destination: Destination) => string | null;

export function releaseRoutes(vs: VirtualService, versionOf: DestinationVersion): number[] {
  return (vs.spec.http ?? []).flatMap((http, i) => ((http.route ?? []).some((r) => versionOf(r.destination) !== null) ? [i] : []));
}

export function describeDestination(d: Destination): string {
  return d.subset ? `${d.host}/${d.subset}` : d.host;
}

function sameDestination(a: Destination, b: Destination): boolean {
  return a.host === b.host && (a.subset ?? '') === (b.subset ?? '');
}

function weightsOf(routes: RouteDestination[]): number[] {
  return routes.length === 1 ? [routes[0]!.weight ?? 100] : routes.map((r) => r.weight ?? 0);
}

export function virtualServiceSplit(vs: VirtualService, versionOf: DestinationVersion, versions: string[] = []): TrafficSplit {
  const index = releaseRoutes(vs, versionOf)[0];
  if (index === undefined) return [];
  const routes = vs.spec.http![index]!.route ?? [];
  const weights = weightsOf(routes);
  return splitOfWeights(
    routes.map((r, j) => ({ version: versionOf(r.destination) ?? describeDestination(r.destination), weight: weights[j]! })),
    versions,
  );
}

/**
 * Candidate gets `percent` and stable the rest of what the service's destinations carry, in every route that carries
 * the service; other versions' destinations are dropped and a missing candidate destination is added. Istio wants a
 * route's weights to sum to 100: foreign destinations keep their weights and the service shares what is left.
 */
export function virtualServiceWeightPatch(
  vs: VirtualService,
  versionOf: DestinationVersion,
  destinations: { stable: Destination; candidate: Destination },
  candidatePercent: number,
): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  if (vs.metadata.resourceVersion) ops.push({ op: 'test', path: '/metadata/resourceVersion', value: vs.metadata.resourceVersion });
  for (const i of releaseRoutes(vs, versionOf)) {
    const routes = vs.spec.http![i]!.route ?? [];
    const foreign = routes.filter((r) => versionOf(r.destination) === null);
    const room = Math.max(0, 100 - foreign.reduce((sum, r) => sum + (r.weight ?? 0), 0));
    const candidateWeight = Math.round((room * candidatePercent) / 100);
    const find = (d: Destination) => routes.find((r) => sameDestination(r.destination, d)) ?? { destination: d };
    const own: RouteDestination[] = [
      { ...find(destinations.stable), weight: room - candidateWeight },
      { ...find(destinations.candidate), weight: candidateWeight },
    ].filter((r) => r.weight > 0);
    const value = [...own, ...foreign];
    ops.push({ op: 'add', path: `/spec/http/${i}/route`, value: JSON.parse(JSON.stringify(value)) });
  }
  return ops;
}

export function virtualServiceMirror(vs: VirtualService, versionOf: DestinationVersion): { version: string; percent: number } | null {
  const index = releaseRoutes(vs, versionOf)[0];
  const http = index === undefined ? undefined : vs.spec.http![index];
  if (!http?.mirror) return null;
  return { version: versionOf(http.mirror) ?? describeDestination(http.mirror), percent: http.mirrorPercentage?.value ?? 100 };
}

/** Mirrors `percent` of the service's requests to `destination` (null stops mirroring). */
export function virtualServiceMirrorPatch(vs: VirtualService, versionOf: DestinationVersion, destination: Destination | null, percent: number): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  if (vs.metadata.resourceVersion) ops.push({ op: 'test', path: '/metadata/resourceVersion', value: vs.metadata.resourceVersion });
  for (const i of releaseRoutes(vs, versionOf)) {
    const http = vs.spec.http![i]!;
    if (destination) {
      ops.push({ op: 'add', path: `/spec/http/${i}/mirror`, value: { ...destination } });
      ops.push({ op: 'add', path: `/spec/http/${i}/mirrorPercentage`, value: { value: percent } });
    } else {
      if (http.mirror) ops.push({ op: 'remove', path: `/spec/http/${i}/mirror` });
      if (http.mirrorPercentage) ops.push({ op: 'remove', path: `/spec/http/${i}/mirrorPercentage` });
    }
  }
  return ops;
}
