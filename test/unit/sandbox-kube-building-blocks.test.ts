// Selectors, pod-template-hash, and the kubelet stand-in's pod lifecycle (start delay, crash loop back-off).

import { describe, expect, it } from 'vitest';
import { ApiError } from '../../sandbox/emulators/kubernetes/api/errors';
import { formatSelector, matchesRequirements, parseLabelSelector } from '../../sandbox/emulators/kubernetes/api/label-selector';
import type { Pod } from '../../sandbox/emulators/kubernetes/controllers/apps-types';
import { crashLoopAt, podStatusAt } from '../../sandbox/emulators/kubernetes/controllers/pod-lifecycle';
import { safeEncodeString, templateHash } from '../../sandbox/emulators/kubernetes/controllers/template-hash';

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'front', env: 'prod' };
  const matches = (text: string) => matchesRequirements(parseLabelSelector(text), labels);

  it('understands equality, inequality, set-based and existence terms, ANDed by commas', () => {
    expect(matches('app=web')).toBe(true);
    expect(matches('app==web,tier=front')).toBe(true);
    expect(matches('app!=web')).toBe(false);
    expect(matches('tier in (front, back)')).toBe(true);
    expect(matches('tier notin (front)')).toBe(false);
    expect(matches('env,!missing')).toBe(true);
    expect(matches('missing')).toBe(false);
    expect(matches('')).toBe(true);
  });

  it('rejects a malformed selector with a 400 and prints LabelSelector objects the kubectl way', () => {
    expect(() => parseLabelSelector('a=b,=c')).toThrow(ApiError);
    expect(formatSelector({ matchLabels: { b: '2', a: '1' }, matchExpressions: [{ key: 'c', operator: 'In', values: ['x', 'y'] }, { key: 'd', operator: 'DoesNotExist' }] })).toBe('a=1,b=2,c in (x,y),!d');
  });
});

describe('pod-template-hash', () => {
  it('spells digits with the SafeEncodeString alphabet, like 5d59d67564', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
    const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1' }] } };
    const hash = templateHash(template);
    expect(hash).toMatch(/^[456789bcdf]{6,10}$/);
    expect(templateHash({ ...template, metadata: { labels: { app: 'web', 'pod-template-hash': 'zzz' } } })).toBe(hash);
    expect(templateHash(template, 1)).not.toBe(hash);
    expect(templateHash({ ...template, spec: { containers: [{ name: 'web', image: 'web:2' }] } })).not.toBe(hash);
  });
});

describe('pod lifecycle', () => {
  const created = Date.parse('2026-01-01T00:00:00Z');
  const pod: Pod = { metadata: { name: 'web-abc', namespace: 'shop', uid: 'u1' }, spec: { containers: [{ name: 'web', image: 'web:1' }] } };
  const placement = { hostIP: '172.18.0.2', podIP: '10.244.1.7' };
  const ready = (s: ReturnType<typeof podStatusAt>) => s.conditions!.find((c) => c.type === 'Ready')!.status;

  it('is Pending with ContainerCreating until the start delay, then Running and Ready', () => {
    const early = podStatusAt(pod, { failure: 'none', startDelayMs: 2000 }, placement, created, created + 1000);
    expect(early).toMatchObject({ phase: 'Pending', podIP: '10.244.1.7', containerStatuses: [{ ready: false, state: { waiting: { reason: 'ContainerCreating' } } }] });
    expect(ready(early)).toBe('False');
    const running = podStatusAt(pod, { failure: 'none', startDelayMs: 2000 }, placement, created, created + 2500);
    expect(running).toMatchObject({ phase: 'Running', containerStatuses: [{ ready: true, started: true, restartCount: 0, state: { running: { startedAt: '2026-01-01T00:00:02Z' } } }] });
    expect(running.conditions!.find((c) => c.type === 'Ready')).toMatchObject({ status: 'True', lastTransitionTime: '2026-01-01T00:00:02Z' });
  });

  it('never becomes Ready when its readiness fails', () => {
    const status = podStatusAt(pod, { failure: 'never-ready', startDelayMs: 0 }, placement, created, created + 60_000);
    expect(status).toMatchObject({ phase: 'Running', containerStatuses: [{ ready: false, started: true }] });
    expect(ready(status)).toBe('False');
  });

  it('crash-loops with a doubling back-off and a rising restart count', () => {
    expect(crashLoopAt(1000)).toMatchObject({ running: true, restarts: 0 });
    expect(crashLoopAt(3000)).toMatchObject({ running: false, restarts: 1 });
    expect(crashLoopAt(12_500)).toMatchObject({ running: true, restarts: 1 });
    expect(crashLoopAt(20_000)).toMatchObject({ running: false, restarts: 2 });
    expect(crashLoopAt(10 * 60_000).restarts).toBeGreaterThan(3);
    const status = podStatusAt(pod, { failure: 'crash-loop', startDelayMs: 0 }, placement, created, created + 5000);
    expect(status.containerStatuses![0]).toMatchObject({ ready: false, restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error' } } });
  });
});
