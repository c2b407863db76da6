// The platform's detail line: passed from the Kubernetes observation into the ServiceView, shown as parts and a fleet hint.

import { describe, expect, it } from 'vitest';
import { serviceViewSchema, type ServiceView } from '../../app/api';
import { buildServiceView } from '../../main/host/service-view';
import { detailHint, detailParts } from '../../renderer/domain/platform-detail';

const NO_ACTIONS = {} as ServiceView['actions'];
const descriptor = { id: 'reviews', name: 'Reviews', targetId: 'k8s', strategy: 'rolling' as const, versions: ['3.1.0', '3.2.0'], stable: '3.1.0', candidate: '3.2.0' };
const ROLLING =
  'rolling update of Deployment reviews: the split is the share of ready pods per version; Deployment reviews: 2/4 updated, 3 ready, 3 available, paused, ReplicaSetUpdated: ReplicaSet "reviews-7d9f" is progressing.';

describe('platform detail', () => {
  it('reaches the ServiceView from the observation, and stays absent where the platform says nothing', () => {
    const observation = { serviceId: 'reviews', versions: ['3.1.0', '3.2.0'], split: [], instances: [], observedAt: 0, detail: ROLLING };
    const view = buildServiceView({ descriptor, platform: 'kubernetes', observation, metrics: [], release: null, drivenBy: null, warning: null, actions: NO_ACTIONS });
    expect(view.detail).toBe(ROLLING);
    expect(serviceViewSchema.parse(view).detail).toBe(ROLLING);
    const plain = buildServiceView({ descriptor, platform: 'haproxy', observation: { ...observation, detail: undefined }, metrics: [], release: null, drivenBy: null, warning: null, actions: NO_ACTIONS });
    expect('detail' in plain).toBe(false);
  });

  it('shows rollout progress as its own line and the mode as the fleet hint', () => {
    expect(detailParts(ROLLING)).toEqual([
      'rolling update of Deployment reviews: the split is the share of ready pods per version',
      'Deployment reviews: 2/4 updated, 3 ready, 3 available, paused, ReplicaSetUpdated: ReplicaSet "reviews-7d9f" is progressing.',
    ]);
    expect(detailHint(ROLLING)).toBe('rolling update of Deployment reviews: the split is the share of ready pods per version');
    expect(detailHint('canary by replica ratio (no HTTPRoute or VirtualService)')).toBe('canary by replica ratio (no HTTPRoute or VirtualService)');
    expect(detailHint(null)).toBeNull();
    expect(detailParts('')).toEqual([]);
  });
});
