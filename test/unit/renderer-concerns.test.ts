// What a release owes and where it is stuck, as the release view and the fleet row show it.

import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ServiceView } from '../../app/api';
import { clockText } from '../../renderer/domain/format';
import { releaseConcerns } from '../../renderer/domain/concerns';
import { ReleaseConcerns } from '../../renderer/components/ReleaseConcerns';
import { ReleaseSummary } from '../../renderer/components/ReleaseSummary';
import { ServiceRow } from '../../renderer/components/ServiceRow';
import { fakeRelease, fakeService, T0 } from '../fixtures/renderer-fake-api';

const base = { serviceId: 'checkout', stable: 'v1.4.2', candidate: 'v1.5.0' };
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/\s+/g, ' ').replace(/ ;/g, ';').trim();
const row = (service: ServiceView) => renderToStaticMarkup(createElement('table', null, createElement('tbody', null, createElement(ServiceRow, { service, selected: false, onSelect: () => {} }))));

const owedRollback = { action: 'rollback' as const, actor: 'dana', reason: 'errors', firing: null, at: T0 + 590_000, attempts: 3, lastError: 'lb-1: connection refused', retryAt: T0 + 604_000 };

describe('what the release owes', () => {
  it('shows an owed rollback in the release view, with its retries and last error, as a status', () => {
    const service = fakeService({ id: 'checkout', release: fakeRelease({ ...base, request: owedRollback }) });
    const html = renderToStaticMarkup(createElement(ReleaseConcerns, { service }));
    expect(html).toContain('role="status"');
    expect(text(html)).toBe(
      `Rollback owed since ${clockText(T0 + 590_000)}, retrying (3); last error: lb-1: connection refused Asked by dana (errors). It goes on until all traffic is back on v1.4.2; Rollback retries it now.`,
    );
  });

  it('marks the fleet row with the owed request and says it in full beneath', () => {
    const service = fakeService({ id: 'checkout', release: fakeRelease({ ...base, request: owedRollback }) });
    const html = row(service);
    expect(html).toMatch(/<span class="tag tag--owed" title="Rollback owed since [^"]+">rollback owed<\/span>/);
    expect(text(html)).toContain(`checkout: Rollback owed since ${clockText(T0 + 590_000)}, retrying (3); last error: lb-1: connection refused`);
  });

  it('says an owed promote is under way before its first retry', () => {
    const service = fakeService({ id: 'checkout', release: fakeRelease({ ...base, request: { ...owedRollback, action: 'promote', attempts: 0, lastError: null } }) });
    expect(releaseConcerns(service).map((c) => [c.tag, c.text])).toEqual([['promote owed', `Promote owed since ${clockText(T0 + 590_000)}, under way`]]);
  });
});

describe('where the release is stuck', () => {
  it('shows a held step once, with what Step and Rollback do', () => {
    const why = 'Set weight 25 % (step 3) failed: lb-1: connection refused';
    const release = fakeRelease({ ...base, stepIndex: 2, held: { step: 2, why }, reason: `${why}; Step retries it, Rollback returns traffic to v1.4.2` });
    const service = fakeService({ id: 'checkout', release });
    expect(text(renderToStaticMarkup(createElement(ReleaseConcerns, { service })))).toBe(
      `Held at step 3: ${why} The plan waits for an operator: Step retries it, Rollback returns traffic to v1.4.2.`,
    );
    // The summary does not repeat the engine's reason, which says the same.
    expect(text(renderToStaticMarkup(createElement(ReleaseSummary, { service })))).not.toContain(why);
    // While a rollback is owed, the summary gives the operator's reason for it, not the failure the notice shows.
    const owed = fakeService({ id: 'checkout', release: fakeRelease({ ...base, request: owedRollback, reason: 'rollback failed: lb-1: connection refused; the plan is held at step 2 and the rollback is retried until it is done' }) });
    expect(text(renderToStaticMarkup(createElement(ReleaseSummary, { service: owed })))).toContain('Reason: errors');
    expect(row(service)).toContain('>held</span>');
  });

  it("shows the engine's trouble as an alert in the release view and a warning in the fleet row", () => {
    const trouble = 'going on after step 2 is stuck: EACCES: permission denied, open journal.jsonl; trying again in 8 s';
    const service = fakeService({ id: 'checkout', release: fakeRelease(base), trouble });
    const html = renderToStaticMarkup(createElement(ReleaseConcerns, { service }));
    expect(html).toContain('role="alert"');
    expect(text(html)).toBe(trouble);
    expect(text(row(service))).toContain(`checkout: ${trouble}`);
  });

  it('says nothing for a release that is fine, or that ended', () => {
    expect(renderToStaticMarkup(createElement(ReleaseConcerns, { service: fakeService({ id: 'checkout', release: fakeRelease(base) }) }))).toBe('');
    const ended = fakeService({ id: 'checkout', release: fakeRelease({ ...base, phase: 'RolledBack', request: owedRollback }) });
    expect(releaseConcerns(ended)).toEqual([]);
  });
});
