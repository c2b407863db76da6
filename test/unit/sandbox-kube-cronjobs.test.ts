// CronJobs on a hand-driven world clock: the schedule parser, a Job per scheduled minute, status.active,
// lastScheduleTime and lastSuccessfulTime, the history limit, Forbid, and suspend.

import { describe, expect, it } from 'vitest';
import { handDrivenCluster } from '../support/hand-driven-cluster';
import { R } from '../../sandbox/emulators/kubernetes/controllers/context';
import { latestScheduled, matches, parseSchedule } from '../../sandbox/emulators/kubernetes/api/cron-schedule';
import type { Job } from '../../sandbox/emulators/kubernetes/controllers/job';
import { cellsFor } from '../../sandbox/emulators/kubernetes/printers/cells';

const at = (iso: string) => Date.parse(iso);

describe('cron schedules', () => {
  it('reads steps, ranges, lists, names and descriptors, with cron\'s day-of-month / day-of-week rule', () => {
    const every5 = parseSchedule('*/5 * * * *');
    expect([matches(every5, at('2026-03-02T10:05:00Z')), matches(every5, at('2026-03-02T10:06:00Z'))]).toEqual([true, false]);
    const weekdays = parseSchedule('30 9 * * mon-fri');
    expect([matches(weekdays, at('2026-03-02T09:30:00Z')), matches(weekdays, at('2026-03-01T09:30:00Z'))]).toEqual([true, false]);
    const firstOrSunday = parseSchedule('0 0 1 * 0');
    expect([matches(firstOrSunday, at('2026-03-01T00:00:00Z')), matches(firstOrSunday, at('2026-03-08T00:00:00Z')), matches(firstOrSunday, at('2026-03-09T00:00:00Z'))]).toEqual([true, true, false]);
    expect(matches(parseSchedule('@hourly'), at('2026-03-02T11:00:00Z'))).toBe(true);
    expect(matches(parseSchedule('0 12 * JAN,jul *'), at('2026-07-04T12:00:00Z'))).toBe(true);
    expect(() => parseSchedule('* * *')).toThrow('expected exactly 5 fields, found 3');
    expect(() => parseSchedule('61 * * * *')).toThrow();
    expect(latestScheduled(every5, at('2026-03-02T10:00:00Z'), at('2026-03-02T10:12:30Z'))).toBe(at('2026-03-02T10:10:00Z'));
    expect(latestScheduled(every5, at('2026-03-02T10:10:00Z'), at('2026-03-02T10:14:59Z'))).toBeNull();
  });
});

function world() {
  const { cluster, clock, advance } = handDrivenCluster({ start: '2026-01-01T00:00:10Z', tickMs: 1000 });
  const create = (spec: Record<string, unknown>) =>
    cluster.registry.create({ resource: R.cronjobs, namespace: 'shop' }, {
      metadata: { name: 'tick' },
      spec: { schedule: '*/1 * * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'tick', image: 'busybox', command: ['echo', 'tick'] }], restartPolicy: 'OnFailure' } } } }, ...spec },
    });
  const jobs = () => (cluster.store.list(R.jobs, 'shop') as Job[]).map((j) => j.metadata.name).sort();
  const cronJob = () => cluster.store.get(R.cronjobs, 'shop', 'tick')!;
  return { cluster, clock, advance, create, jobs, cronJob };
}

describe('CronJob controller', () => {
  it('starts a Job each scheduled minute, tracks it, and keeps the last three that succeeded', () => {
    const w = world();
    w.create({});
    w.advance(49_000);
    expect(w.jobs()).toEqual([]);
    w.advance(2000);
    const minute = Math.floor(at('2026-01-01T00:01:00Z') / 60_000);
    expect(w.jobs()).toEqual([`tick-${minute}`]);
    expect(w.cronJob().status).toMatchObject({ lastScheduleTime: '2026-01-01T00:01:00Z', active: [{ kind: 'Job', name: `tick-${minute}` }] });
    expect(cellsFor('CronJob', w.cronJob(), w.clock.now()).slice(4, 6)).toEqual([1, '1s']);
    w.advance(10_000);
    expect(w.cronJob().status).toMatchObject({ lastSuccessfulTime: expect.stringMatching(/^2026-01-01T00:01:0\dZ$/) });
    expect((w.cronJob().status as { active?: unknown }).active).toBeUndefined();
    w.advance(5 * 60_000);
    expect(w.jobs()).toEqual([3, 4, 5].map((n) => `tick-${minute + n}`));
  });

  it('does not start a Job while one runs under Forbid, nor any while suspended', () => {
    const w = world();
    // The pod takes two minutes to start (a sandbox demo knob), so the first Job is still running at the next minute.
    const slow = { metadata: { annotations: { 'sandbox.switchyard.dev/start-delay': '120s' } }, spec: { containers: [{ name: 'tick', image: 'busybox' }], restartPolicy: 'OnFailure' } };
    w.create({ concurrencyPolicy: 'Forbid', jobTemplate: { spec: { template: slow } } });
    w.advance(60_000 + 80_000);
    expect(w.jobs()).toHaveLength(1);
    const reasons = w.cluster.store.list(R.events, 'shop').map((e) => (e as { reason?: string }).reason);
    expect(reasons).toContain('JobAlreadyActive');
    w.advance(120_000);
    expect(w.jobs()).toHaveLength(2);
    w.cluster.registry.patch({ resource: R.cronjobs, namespace: 'shop', name: 'tick' }, 'merge', { spec: { suspend: true } });
    w.advance(5 * 60_000);
    expect(w.jobs()).toHaveLength(2);
  });
});
