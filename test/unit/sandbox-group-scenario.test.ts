// A scenario's release groups: a Kubernetes service joins its lead's group with the same versions, in its own namespace.

import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../../sandbox/world/scenario/schema';

const haproxy = { id: 'checkout', strategy: 'canary', stable: '1.0', candidate: '1.1', versions: { '1.0': { servers: 1 }, '1.1': { servers: 1 } } };
const kube = (extra: object) => ({ strategy: 'canary', stable: '1.0', candidate: '1.1', versions: { '1.0': {}, '1.1': {} }, ...extra });
const problems = (services: unknown[]) => {
  const result = scenarioSchema.safeParse({ services: [haproxy], kubernetes: { namespace: 'shop', services } });
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe('release groups in a scenario', () => {
  it('accepts a member of an HAProxy service, and a second namespace of a Kubernetes service', () => {
    expect(problems([kube({ id: 'checkout-k8s', group: 'checkout' })])).toEqual([]);
    expect(problems([kube({ id: 'orders' }), kube({ id: 'orders-eu', group: 'orders', namespace: 'shop-eu' })])).toEqual([]);
  });

  it('refuses a group that names no service, other versions, or two members in one namespace', () => {
    expect(problems([kube({ id: 'x', group: 'nope' })])).toEqual(['kubernetes service x: group nope names no service of the scenario']);
    expect(problems([kube({ id: 'x', group: 'checkout', candidate: '1.0' })])).toEqual(['kubernetes service x: its strategy, stable and candidate must be those of its group checkout']);
    expect(problems([kube({ id: 'orders' }), kube({ id: 'orders-eu', group: 'orders' })])).toEqual([
      'kubernetes service orders-eu: another member of group orders is in namespace shop; give it its own namespace',
    ]);
  });
});
