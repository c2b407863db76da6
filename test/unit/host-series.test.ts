// The host's series ring: numbers in typed arrays, the same points back (nulls, versions coming and going), the last N.
import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../app/api';
import { SeriesBuffer } from '../../main/host/series';

const point = (t: number, candidate: string | null, errorRate: number | null): SeriesPoint => ({
  t,
  split: candidate === null ? { v1: 100 } : { v1: 100 - t, [candidate]: t },
  errorRate: candidate === null ? { v1: errorRate } : { v1: errorRate, [candidate]: 0.01 },
  p99Ms: { v1: t % 2 === 0 ? null : 300 + t },
});

describe('SeriesBuffer', () => {
  it('gives back the last N points as pushed, nulls and versions that come and go included', () => {
    const buffer = new SeriesBuffer(5);
    const pushed = [point(1, null, 0.001), point(2, 'v2', null), point(3, 'v2', 0.002), point(4, 'v3', 0), point(5, null, 0.5), point(6, null, 0.4), point(7, 'v3', null)];
    for (const p of pushed) buffer.push('checkout', p);
    buffer.push('search', point(1, null, 0));
    expect(buffer.all().checkout).toEqual(pushed.slice(-5));
    expect(buffer.all().search).toEqual([point(1, null, 0)]);
  });

  it('drops a version no point held mentions any more', () => {
    const buffer = new SeriesBuffer(2);
    for (const p of [point(1, 'v2', 0), point(2, null, 0), point(3, null, 0)]) buffer.push('checkout', p);
    expect(buffer.all().checkout?.flatMap((p) => Object.keys(p.split))).toEqual(['v1', 'v1']);
  });

  it("keeps each flag's ramp beside the split (the chart's flag line), only on the points that carried it", () => {
    const buffer = new SeriesBuffer(4);
    const ramp = [point(1, null, 0), { ...point(2, 'v2', 0), flags: { 'new-checkout': 5 } }, { ...point(3, 'v2', 0), flags: { 'new-checkout': 25 } }, { ...point(4, 'v2', 0), flags: { 'new-checkout': 0 } }];
    for (const p of ramp) buffer.push('checkout', p);
    expect(buffer.all().checkout).toEqual(ramp);
  });
});
