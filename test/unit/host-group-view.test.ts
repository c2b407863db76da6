// A release group's one view from its members' polls: each member's split, the first member's name and split, and per
// version the worst error rate and latency of any member (so the fleet row shows a breach on any member).

import { describe, expect, it } from 'vitest';
import type { ServiceView } from '../../app/api';
import type { VersionHealth } from '../../app/model';
import type { ServiceEntry } from '../../main/host/adapters';
import type { HostContext } from '../../main/host/host-context';
import { groupView } from '../../main/host/group-view';
import { COMPLETE_SERVICE_VIEW } from '../fixtures/complete-wire';

const entry = (targetId: string, platform: string) => ({ config: { id: 'checkout' }, target: { id: targetId, platform } }) as unknown as ServiceEntry;
const members = [entry('lb-eu', 'haproxy'), entry('k8s-us', 'kubernetes')];
const health = (version: string, errorRate: number, p99Ms: number, ready: number): VersionHealth => ({
  version, requestRate: 10, errorRate, p50Ms: 40, p95Ms: 100, p99Ms, instancesReady: ready, instancesTotal: 2,
});

function polled(targetId: string, name: string, candidatePercent: number, candidate: VersionHealth, warning: string | null = null): ServiceView {
  const { members: _members, detail: _detail, ...view } = COMPLETE_SERVICE_VIEW;
  return {
    ...view,
    name,
    targetId,
    split: [{ version: 'v1.4.2', percent: 100 - candidatePercent }, { version: 'v1.5.0', percent: candidatePercent }],
    health: [health('v1.4.2', 0.001, 300, 2), candidate],
    instances: [],
    warning,
  };
}

describe('the view of a release group', () => {
  it('lists each member, and shows the worst member per version in the row', () => {
    const ctx = {} as HostContext;
    const first = groupView(ctx, members, polled('lb-eu', 'Checkout', 20, health('v1.5.0', 0.002, 320, 1)));
    expect(first.members?.[1]).toMatchObject({ targetId: 'k8s-us', split: [], warning: 'not read yet' });

    const view = groupView(ctx, members, polled('k8s-us', 'Checkout (Kubernetes)', 20, health('v1.5.0', 0.15, 900, 2), 'slow answer'));
    expect(view).toMatchObject({ name: 'Checkout', targetId: 'lb-eu', warning: 'k8s-us: slow answer' });
    expect(view.members?.map((m) => [m.targetId, m.platform, m.split.find((s) => s.version === 'v1.5.0')?.percent])).toEqual([
      ['lb-eu', 'haproxy', 20],
      ['k8s-us', 'kubernetes', 20],
    ]);
    expect(view.health.find((h) => h.version === 'v1.5.0')).toEqual({
      version: 'v1.5.0', requestRate: 20, errorRate: 0.15, p50Ms: 40, p95Ms: 100, p99Ms: 900, instancesReady: 3, instancesTotal: 4,
    });
  });
});
