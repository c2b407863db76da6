// The canary judgments of a release, newest first: verdict and score, then per metric canary vs stable.

import type { JudgmentResult } from '../../app/analysis/types';
import { formatJudgedValue, judgedMetricLabel, verdictLabel } from '../../app/analysis/format';
import type { Release } from '../../app/release';
import '../styles/judgment.css';

function JudgmentCard({ judgment }: { judgment: JudgmentResult }) {
  const score = judgment.score === null ? 'no score' : `score ${judgment.score} (pass ≥ ${judgment.passScore}, marginal ≥ ${judgment.marginalScore})`;
  return (
    <section className={`judgment judgment--${judgment.verdict}`} aria-label={`Judgment at step ${judgment.step + 1}`}>
      <h3 className="judgment__title">
        Step {judgment.step + 1} judgment{judgment.member ? ` on ${judgment.member}` : ''}: <strong>{verdictLabel(judgment)}</strong> <span className="muted small">· {score}</span>
      </h3>
      <table className="judgment__table">
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">{judgment.canary}</th>
            <th scope="col">{judgment.stable}</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {judgment.metrics.map((m) => (
            <tr key={m.metric}>
              <th scope="row">
                {judgedMetricLabel(m.metric)}
                {m.critical ? <span className="muted small"> · critical</span> : null}
              </th>
              <td>{formatJudgedValue(m.metric, m.canaryMedian)}</td>
              <td>{formatJudgedValue(m.metric, m.stableMedian)}</td>
              <td className={`judgment__class--${m.classification}${m.failing ? ' judgment__class--failing' : ''}`}>
                {m.classification}
                {m.ratio !== null && m.classification !== 'NoData' ? <span className="muted small"> ×{m.ratio.toFixed(2)}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function JudgmentReport({ release }: { release: Release }) {
  const judgments = release.judgments ?? [];
  if (judgments.length === 0) return null;
  return (
    <div className="judgments">
      {[...judgments].reverse().map((judgment) => (
        <JudgmentCard key={`${judgment.step}-${judgment.at}`} judgment={judgment} />
      ))}
    </div>
  );
}
