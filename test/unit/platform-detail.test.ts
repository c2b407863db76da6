// The platform's detail document: passed from the observation into the ServiceView, shown as lines and a fleet hint,
// drawn by one panel for every platform, and carried whole over the wire.

import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ServiceDeployment } from '@aws-sdk/client-ecs';
import { serviceViewSchema, streamMessageSchema } from '../../app/api';
import { platformDetailSchema, type PlatformDetail } from '../../app/platform-detail';
import type { ServiceSnapshot } from '../../adapters/ecs/fleet-reader';
import { observationOf } from '../../adapters/ecs/observation';
import type { KubeDetail } from '../../adapters/kubernetes/detail';
import { kubeDetailDocument } from '../../adapters/kubernetes/detail-document';
import { buildServiceView } from '../../main/host/service-view';
import { unaskedVerdicts } from '../fixtures/verdicts';
import { PlatformDetailPanel } from '../../renderer/components/PlatformDetailPanel';
import { clockText } from '../../renderer/domain/format';
import { detailLines, lineText } from '../../renderer/domain/platform-detail';
import { listItems } from '../fixtures/detail-text';
import { COMPLETE_DETAIL } from '../fixtures/complete-wire';

const descriptor = { id: 'reviews', name: 'Reviews', targetId: 'k8s', strategy: 'rolling' as const, versions: ['3.1.0', '3.2.0'], stable: '3.1.0', candidate: '3.2.0' };
const ROLLING_KUBE: KubeDetail = {
  namespace: 'shop',
  mode: 'rolling',
  carrier: 'reviews',
  deployment: {
    name: 'reviews',
    desired: 4,
    updated: 2,
    ready: 3,
    available: 3,
    paused: true,
    progressing: { reason: 'ReplicaSetUpdated', message: 'ReplicaSet "reviews-7d9f" is progressing.' },
  },
  rollout: null,
  mirror: null,
  missing: [],
  stale: null,
};
const ROLLING = kubeDetailDocument(ROLLING_KUBE);

const viewOf = (detail: PlatformDetail | undefined, platform: 'kubernetes' | 'haproxy' = 'kubernetes') =>
  buildServiceView({
    descriptor,
    where: { config: { id: 'reviews' }, environment: null },
    platform,
    observation: { serviceId: 'reviews', versions: ['3.1.0', '3.2.0'], split: [], instances: [], observedAt: 0, ...(detail ? { detail } : {}) },
    metrics: [],
    release: null,
    drivenBy: null,
    warning: null,
    actions: unaskedVerdicts(),
  });

describe('platform detail', () => {
  it('reaches the ServiceView from the observation, and stays absent where the platform says nothing', () => {
    const view = viewOf(ROLLING);
    expect(view.detail).toEqual(ROLLING);
    expect(serviceViewSchema.parse(view).detail).toEqual(ROLLING);
    expect('detail' in viewOf(undefined, 'haproxy')).toBe(false);
  });

  it('shows rollout progress as its own line and the mode as the fleet hint', () => {
    expect(detailLines(ROLLING)).toEqual([
      'rolling update of Deployment reviews: the split is the share of ready pods per version',
      'Deployment reviews: 2/4 updated, 3 ready, 3 available, paused, ReplicaSetUpdated: ReplicaSet "reviews-7d9f" is progressing.',
    ]);
    expect(ROLLING.hint).toBe('rolling update of Deployment reviews: the split is the share of ready pods per version');
    const ratio = kubeDetailDocument({ ...ROLLING_KUBE, mode: 'replica-ratio', carrier: null, deployment: null });
    expect(ratio.hint).toBe('canary by replica ratio (no HTTPRoute or VirtualService)');
    expect(detailLines(undefined)).toEqual([]);
  });

  it('says where a Kubernetes rollout waits, mirrors, misses a Deployment or may be stale, one line each', () => {
    const doc = kubeDetailDocument({
      ...ROLLING_KUBE,
      mode: 'http-route',
      carrier: 'web',
      deployment: null,
      mirror: { version: 'v2', percent: 20 },
      missing: [{ version: 'v3', deployment: 'web-v3' }],
      stale: 'watch of pods restarting',
    });
    expect(detailLines(doc)).toEqual([
      'canary by weight on HTTPRoute web',
      'mirroring 20 % to v2 (shadow: responses discarded)',
      'no Deployment for v3 (web-v3)',
      'view may be stale (watch of pods restarting)',
    ]);
    expect(doc.title).toBe('How traffic moves');
    expect(listItems({ ...doc, sections: doc.sections.map((s) => (s.kind === 'list' ? { ...s, title: 'parts' } : s)) }, 'parts').map((i) => i.tone)).toEqual([
      'neutral',
      'neutral',
      'warning',
      'warning',
    ]);
  });
});

// ---- ECS: the adapter's typed detail → the document → the one panel ----

const HOOK_EXPIRES = 1_800_000_000_000;
const NOW = HOOK_EXPIRES - 23 * 60_000;

function ecsSnapshot(deployment: Partial<ServiceDeployment>): ServiceSnapshot {
  return {
    name: 'checkout',
    service: {
      serviceName: 'checkout',
      desiredCount: 2,
      runningCount: 4,
      pendingCount: 0,
      deploymentConfiguration: { strategy: 'CANARY', deploymentCircuitBreaker: { enable: true, rollback: true } },
      deployments: [],
      events: [{ createdAt: new Date(NOW - 60_000), message: '(service checkout) has started 2 tasks.' }],
    },
    missing: null,
    deployment: {
      serviceDeploymentArn: 'arn:sd/1',
      status: 'IN_PROGRESS',
      lifecycleStage: 'PRE_PRODUCTION_TRAFFIC_SHIFT' as ServiceDeployment['lifecycleStage'],
      startedAt: new Date(NOW - 120_000),
      deploymentConfiguration: { strategy: 'CANARY', canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 5 }, bakeTimeInMinutes: 0 },
      sourceServiceRevisions: [{ arn: 'rev/1', requestedTaskCount: 2, runningTaskCount: 2, pendingTaskCount: 0, requestedProductionTrafficWeight: 100, requestedTestTrafficWeight: 0 }],
      targetServiceRevision: { arn: 'rev/2', requestedTaskCount: 2, runningTaskCount: 1, pendingTaskCount: 1, requestedProductionTrafficWeight: 0, requestedTestTrafficWeight: 100 },
      lifecycleHookDetails: [{ hookId: 'ecs-pause-1', targetType: 'PAUSE', status: 'AWAITING_ACTION', expiresAt: new Date(HOOK_EXPIRES), timeoutAction: 'ROLLBACK' }],
      deploymentCircuitBreaker: { status: 'MONITORING', failureCount: 1, threshold: 3 },
      ...deployment,
    },
    revisionVersions: new Map([['rev/1', 'v1'], ['rev/2', 'v2']]),
    taskVersions: new Map(),
    tasks: [],
    readAt: 0,
  };
}

const ecsContext = { serviceId: 'checkout', cluster: 'shop', region: 'us-east-1', profile: 'prod', promoting: new Set<string>(), now: NOW };
const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

describe('ECS detail as a document', () => {
  it('keeps what the ECS panel showed: the deployment, revisions, the hook awaiting action with its deadline, monitors, notes', () => {
    const doc = observationOf(ecsSnapshot({}), ecsContext).detail!;
    expect(doc.title).toBe('ECS checkout');
    expect(doc.subtitle).toBe('shop · us-east-1 · prod');
    expect(doc.hint).toBe('CANARY by ECS · hook awaiting');
    const hooks = listItems(doc, 'Lifecycle hooks');
    expect(hooks).toHaveLength(1);
    expect(hooks[0]!.tone).toBe('awaiting');
    const hook = doc.sections.find((s) => s.kind === 'list')!;
    expect(hook.kind === 'list' && lineText(hook.items[0]!.line, NOW)).toBe(`PAUSE hook ecs-pause-1: awaiting action · expires ${clockText(HOOK_EXPIRES)} (in 23m), then ROLLBACK`);
    expect(detailLines(doc)).toEqual(
      expect.arrayContaining([
        'CANARY · 4/2 tasks running · circuit breaker on (rolls back)',
        `CANARY deployment IN_PROGRESS at PRE_PRODUCTION_TRAFFIC_SHIFT · started ${clockText(NOW - 120_000)}`,
        'Bake: 5 min per step, 0 min after the last shift',
        'Circuit breaker: monitoring · 1/3 failed tasks',
        'Alarms: not configured',
        'Step / Resume continue the PAUSE hook (ContinueServiceDeployment CONTINUE); Rollback answers it with ROLLBACK.',
      ]),
    );
    const revisions = doc.sections.find((s) => s.kind === 'table' && s.title === 'Service revisions');
    expect(revisions?.kind === 'table' && revisions.rows.map((row) => row.map((cell) => lineText(cell)))).toEqual([
      ['v1 source', '100%', '0%', '2/2 running'],
      ['v2 target', '0%', '100%', '1/2 running, 1 pending'],
    ]);
  });

  it('is drawn by the one panel: a region named by its title, the hooks list by its name, the status word, the events', () => {
    const doc = observationOf(ecsSnapshot({ status: 'ROLLBACK_SUCCESSFUL', lifecycleHookDetails: [] }), ecsContext).detail!;
    const html = renderToStaticMarkup(createElement(PlatformDetailPanel, { detail: doc, worldNow: NOW }));
    expect(html).toMatch(/<section class="panel detail-panel" aria-labelledby="([^"]+)"><h3 class="subhead"><span id="\1">ECS checkout<\/span>/);
    expect(html).toContain('detail-status--failed">ROLLBACK_SUCCESSFUL<');
    expect(text(html)).toContain('Service events');
    expect(text(html)).toContain('(service checkout) has started 2 tasks.');

    const waiting = renderToStaticMarkup(createElement(PlatformDetailPanel, { detail: observationOf(ecsSnapshot({}), ecsContext).detail!, worldNow: NOW }));
    expect(waiting).toMatch(/<h4 id="([^"]+)" class="detail-section__title">Lifecycle hooks<\/h4><ul class="detail-list" aria-labelledby="\1"><li class="detail-item detail-item--awaiting">/);
    expect(text(waiting)).toContain('awaiting action · expires');
    expect(text(waiting)).toContain('(in 23m), then ROLLBACK');
  });

  it('labels a list without a title by the panel title (Kubernetes: "How traffic moves"), one item per part', () => {
    const html = renderToStaticMarkup(createElement(PlatformDetailPanel, { detail: ROLLING, worldNow: null }));
    expect(html).toMatch(/<span id="([^"]+)">How traffic moves<\/span>.*<ul class="detail-list" aria-labelledby="\1">/);
    expect(html.match(/<li /g)).toHaveLength(2);
    expect(html).toContain('detail-item--awaiting');
  });
});

// ---- The wire: a field added to the document cannot be dropped silently ----

/** Every key present and non-null, one of each span and section: a field added to the document must be filled there. */
const FULL = COMPLETE_DETAIL;

describe('platform detail on the wire', () => {
  it('round-trips a fully populated document through JSON and the schema unchanged', () => {
    expect(platformDetailSchema.parse(JSON.parse(JSON.stringify(FULL)))).toEqual(FULL);
  });

  it('arrives whole in the ServiceView of a stream patch, from the observation through the host to the renderer', () => {
    const message = { type: 'patch', patch: { services: [viewOf(FULL)] } };
    const received = streamMessageSchema.parse(JSON.parse(JSON.stringify(message)));
    expect(received.type === 'patch' && received.patch.services?.[0]?.detail).toEqual(FULL);
  });

  it('refuses a document with a value it does not know, rather than passing it on', () => {
    const odd = { ...FULL, sections: [{ kind: 'lines', lines: [[{ kind: 'sparkline', points: [1, 2] }]] }] };
    expect(platformDetailSchema.safeParse(odd).success).toBe(false);
  });
});
