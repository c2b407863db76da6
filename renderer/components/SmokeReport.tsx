// The smoke checks of the release's smoke step: which passed, and the one that stopped it.

import type { Release } from '../../app/release';
import { clockText } from '../domain/format';

export function SmokeReport({ release }: { release: Release }) {
  const smoke = release.smoke;
  if (!smoke) return null;
  const failed = smoke.results.filter((r) => !r.ok);
  return (
    <section className={`gate smoke${failed.length > 0 ? ' smoke--failed' : ''}`} aria-labelledby="smoke-heading">
      <h3 id="smoke-heading" className="gate__title">
        Smoke checks (step {smoke.step + 1}) at {clockText(smoke.at)}:{' '}
        {failed.length > 0 ? `${failed.length} of ${smoke.results.length} failed` : `all ${smoke.results.length} passed`}
      </h3>
      <ul className="smoke__results" aria-label="Smoke check results">
        {smoke.results.map((r) => (
          <li key={r.check} className={r.ok ? 'smoke__ok' : 'smoke__fail'}>
            <span aria-hidden="true">{r.ok ? '✓' : '✗'}</span> <strong>{r.check}</strong>: {r.ok ? 'passed' : 'FAILED'}{' '}
            <span className="muted small">{r.detail}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
