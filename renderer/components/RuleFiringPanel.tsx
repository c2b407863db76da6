// When a rule fired: which one, its condition, and the values the candidate (or a flag's cohort) showed.

import type { Release } from '../../app/release';
import { firingCondition, observedSummary } from '../domain/firing';
import { clockText } from '../domain/format';

export function RuleFiringPanel({ release }: { release: Release }) {
  const firing = release.firing;
  if (firing === null) return null;
  const rule = release.rules.find((r) => r.id === firing.ruleId);
  const observed = observedSummary(firing);
  const outcome =
    rule?.action === 'kill-switch' ? `turned ${firing.cohort?.flag ?? 'the flag'} off (kill switch)` : rule?.action === 'pause' ? 'paused the release' : 'rolled the release back';
  const watched = firing.cohort ? `the "${firing.cohort.variant}" cohort of ${firing.cohort.flag}` : release.candidate;
  return (
    <section className="firing" aria-labelledby="firing-heading">
      <h3 id="firing-heading" className="firing__title">
        Rule <span className="mono">{firing.ruleId}</span> fired{firing.member ? <> on <span className="mono">{firing.member}</span></> : null} at {clockText(firing.firedAt)} and {outcome}
      </h3>
      <p className="firing__condition">
        Condition: <strong>{firingCondition(firing)}</strong> on {watched}
      </p>
      {observed !== null ? (
        <p className="firing__observed">
          Observed ({observed.count} samples): worst <strong>{observed.worst}</strong>, last <strong>{observed.last}</strong>
          <span className="muted"> · recent {observed.recent.join(', ')}</span>
        </p>
      ) : null}
    </section>
  );
}
