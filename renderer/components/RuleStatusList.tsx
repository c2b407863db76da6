// The rules watching a running release, one line each: fine, breaching since when, or no data (never silent).

import type { ServiceView } from '../../app/api';
import { describeRule } from '../../app/rules/format';
import type { RuleStatus } from '../../app/rules/watch';
import { metricValueText } from '../domain/firing';
import { clockText } from '../domain/format';
import '../styles/judgment.css';

function stateText(status: RuleStatus): string {
  const value = status.value === null ? '' : ` at ${metricValueText(status.rule.metric, status.value)}`;
  if (status.state === 'breaching') return `breaching since ${status.since === null ? '?' : clockText(status.since)}${value}`;
  if (status.state === 'no-data') return status.since === null ? 'no data yet' : `no data since ${clockText(status.since)}`;
  return `ok${value}`;
}

export function RuleStatusList({ service }: { service: ServiceView }) {
  const phase = service.release?.phase;
  const rules = service.rules ?? [];
  if ((phase !== 'Progressing' && phase !== 'Paused') || rules.length === 0) return null;
  return (
    <section className="rule-status" aria-label="Rules watching the candidate">
      <h3 className="rule-status__title">Rules</h3>
      <ul className="rule-status__list">
        {rules.map((status) => (
          <li key={status.ruleId} className={`rule-status__item rule-status__item--${status.state}`} title={describeRule(status.rule)}>
            <span className="mono">{status.ruleId}</span> <span className="muted small">{describeRule(status.rule)}</span>: {stateText(status)}
          </li>
        ))}
      </ul>
    </section>
  );
}
