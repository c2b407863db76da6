// Traffic math: HTTPRoute and VirtualService weights (read and written), mirrors, and replica ratios.

import { describe, expect, it } from 'vitest';
import { httpRouteMirror, httpRouteMirrorPatch, httpRouteSplit, httpRouteWeightPatch, type HttpRoute } from '../../adapters/kubernetes/http-route';
import { releaseSize, replicasFor } from '../../adapters/kubernetes/replica-ratio';
import { percentsOf } from '../../adapters/kubernetes/shares';
import { virtualServiceMirrorPatch, virtualServiceSplit, virtualServiceWeightPatch, type VirtualService } from '../../adapters/kubernetes/virtual-service';

const backend = (name: string) => ({ 'web-v1': 'v1', 'web-v2': 'v2' })[name] ?? null;

function route(refs: { name: string; weight?: number }[]): HttpRoute {
  return {
    metadata: { name: 'web', resourceVersion: '42' },
    spec: { rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: refs.map((r) => ({ port: 8080, ...r })) }] },
  };
}

describe('HTTPRoute weights', () => {
  it('reads shares as weight / Σ weights, a missing weight counting 1', () => {
    expect(httpRouteSplit(route([{ name: 'web-v1', weight: 90 }, { name: 'web-v2', weight: 10 }]), backend)).toEqual([
      { version: 'v1', percent: 90 },
      { version: 'v2', percent: 10 },
    ]);
    expect(httpRouteSplit(route([{ name: 'web-v1' }, { name: 'web-v2' }]), backend)).toEqual([
      { version: 'v1', percent: 50 },
      { version: 'v2', percent: 50 },
    ]);
    expect(httpRouteSplit(route([{ name: 'web-v1', weight: 1 }, { name: 'web-v2', weight: 2 }]), backend, ['v1', 'v2'])).toEqual([
      { version: 'v1', percent: 33.33 },
      { version: 'v2', percent: 66.67 },
    ]);
    // All weights 0: nothing is served.
    expect(httpRouteSplit(route([{ name: 'web-v1', weight: 0 }]), backend, ['v1', 'v2'])).toEqual([
      { version: 'v1', percent: 0 },
      { version: 'v2', percent: 0 },
    ]);
  });

  it('moves weights with a JSON patch guarded by the resourceVersion, adding the candidate backend when missing', () => {
    const ops = httpRouteWeightPatch(route([{ name: 'web-v1', weight: 100 }]), backend, { stable: 'web-v1', candidate: 'web-v2' }, 25);
    expect(ops).toEqual([
      { op: 'test', path: '/metadata/resourceVersion', value: '42' },
      { op: 'add', path: '/spec/rules/0/backendRefs/0/weight', value: 75 },
      { op: 'add', path: '/spec/rules/0/backendRefs/-', value: { name: 'web-v2', weight: 25, port: 8080 } },
    ]);
    const rollback = httpRouteWeightPatch(route([{ name: 'web-v1', weight: 75 }, { name: 'web-v2', weight: 25 }]), backend, { stable: 'web-v1', candidate: 'web-v2' }, 0);
    expect(rollback.slice(1)).toEqual([
      { op: 'add', path: '/spec/rules/0/backendRefs/0/weight', value: 100 },
      { op: 'add', path: '/spec/rules/0/backendRefs/1/weight', value: 0 },
    ]);
  });

  it('mirrors shadow traffic with a RequestMirror filter and reads it back', () => {
    const r = route([{ name: 'web-v1', weight: 100 }]);
    const ops = httpRouteMirrorPatch(r, backend, { name: 'web-v2', port: 8080 }, 20);
    expect(ops[1]).toEqual({ op: 'add', path: '/spec/rules/0/filters', value: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'web-v2', port: 8080 }, percent: 20 } }] });
    r.spec.rules![0]!.filters = ops[1]!.op === 'add' ? (ops[1]!.value as never) : [];
    expect(httpRouteMirror(r, backend)).toEqual({ version: 'v2', percent: 20 });
  });
});

describe('VirtualService weights', () => {
  const subset = (d: { host: string; subset?: string }) => (d.subset === 'v1' || d.subset === 'v2' ? d.subset : null);
  const vs = (route: { subset: string; weight?: number }[]): VirtualService => ({
    metadata: { name: 'web', resourceVersion: '7' },
    spec: { hosts: ['web'], http: [{ route: route.map((r) => ({ destination: { host: 'web', subset: r.subset }, ...(r.weight !== undefined ? { weight: r.weight } : {}) })) }] },
  });

  it('gives a lone destination 100 % and reads relative weights', () => {
    expect(virtualServiceSplit(vs([{ subset: 'v1' }]), subset, ['v1', 'v2'])).toEqual([
      { version: 'v1', percent: 100 },
      { version: 'v2', percent: 0 },
    ]);
    expect(virtualServiceSplit(vs([{ subset: 'v1', weight: 80 }, { subset: 'v2', weight: 20 }]), subset)).toEqual([
      { version: 'v1', percent: 80 },
      { version: 'v2', percent: 20 },
    ]);
  });

  it('writes weights that sum to 100 and drops a destination at 0', () => {
    const ops = virtualServiceWeightPatch(vs([{ subset: 'v1' }]), subset, { stable: { host: 'web', subset: 'v1' }, candidate: { host: 'web', subset: 'v2' } }, 10);
    expect(ops).toEqual([
      { op: 'test', path: '/metadata/resourceVersion', value: '7' },
      { op: 'add', path: '/spec/http/0/route', value: [{ destination: { host: 'web', subset: 'v1' }, weight: 90 }, { destination: { host: 'web', subset: 'v2' }, weight: 10 }] },
    ]);
    const promoted = virtualServiceWeightPatch(vs([{ subset: 'v1', weight: 50 }, { subset: 'v2', weight: 50 }]), subset, { stable: { host: 'web', subset: 'v1' }, candidate: { host: 'web', subset: 'v2' } }, 100);
    expect(promoted[1]).toEqual({ op: 'add', path: '/spec/http/0/route', value: [{ destination: { host: 'web', subset: 'v2' }, weight: 100 }] });
  });

  it('mirrors with mirror + mirrorPercentage and removes both to stop', () => {
    const v = vs([{ subset: 'v1' }]);
    expect(virtualServiceMirrorPatch(v, subset, { host: 'web', subset: 'v2' }, 5).slice(1)).toEqual([
      { op: 'add', path: '/spec/http/0/mirror', value: { host: 'web', subset: 'v2' } },
      { op: 'add', path: '/spec/http/0/mirrorPercentage', value: { value: 5 } },
    ]);
    v.spec.http![0]!.mirror = { host: 'web', subset: 'v2' };
    expect(virtualServiceMirrorPatch(v, subset, null, 0).slice(1)).toEqual([{ op: 'remove', path: '/spec/http/0/mirror' }]);
  });
});

describe('replica ratio', () => {
  it('keeps the pod count and gives a receiving version at least one pod', () => {
    expect(replicasFor(4, 25)).toEqual({ stable: 3, candidate: 1 });
    expect(replicasFor(4, 5)).toEqual({ stable: 3, candidate: 1 });
    expect(replicasFor(4, 50)).toEqual({ stable: 2, candidate: 2 });
    expect(replicasFor(4, 99)).toEqual({ stable: 1, candidate: 3 });
    expect(replicasFor(4, 100)).toEqual({ stable: 0, candidate: 4 });
    expect(replicasFor(4, 0)).toEqual({ stable: 4, candidate: 0 });
    expect(replicasFor(10, 33)).toEqual({ stable: 7, candidate: 3 });
    // One pod cannot be split: both versions run one.
    expect(replicasFor(1, 50)).toEqual({ stable: 1, candidate: 1 });
  });

  it('takes the release size from what runs, or the configured size when nothing does', () => {
    expect(releaseSize({ stable: 3, candidate: 1 }, 8)).toBe(4);
    expect(releaseSize({ stable: 0, candidate: 0 }, 6)).toBe(6);
    expect(releaseSize({ stable: 0, candidate: 0 }, null)).toBe(1);
  });

  it('rounds shares to hundredths that sum to exactly 100', () => {
    expect(percentsOf([1, 1, 1])).toEqual([33.34, 33.33, 33.33]);
    expect(percentsOf([0, 0])).toEqual([0, 0]);
  });
});
