// The service's error budget: minutes left of what the SLO allows, how fast it burns, and whether it froze releases.

import type { BudgetView } from '../../app/gates/schemas';

const minutes = (value: number) => `${(Math.round(value * 10) / 10).toFixed(1)} min`;

export function BudgetPanel({ budget, optional }: { budget: BudgetView; optional: boolean }) {
  const percentLeft = Math.round(budget.remainingShare * 100);
  const objective = `${(budget.objective * 100).toFixed(budget.objective >= 0.999 ? 2 : 1).replace(/\.?0+$/, '')} %`;
  return (
    <section className={`gate budget${budget.frozen ? ' budget--frozen' : ''}`} aria-labelledby="budget-heading">
      <h3 id="budget-heading" className="gate__title">
        Error budget <span className="muted small">· SLO {objective} over {budget.windowDays} {budget.windowDays === 1 ? 'day' : 'days'}</span>
      </h3>
      <p className="budget__line">
        <strong>{minutes(Math.max(0, budget.remainingMinutes))}</strong> of {minutes(budget.allowedMinutes)} left ({percentLeft} %)
        <span className="muted"> · {budget.consumedMinutes} bad {budget.consumedMinutes === 1 ? 'minute' : 'minutes'}</span>
        <span className="muted"> · burn rate {budget.burnRate.toFixed(1)}× over the last {budget.burnWindowMinutes} min</span>
      </p>
      <meter className="budget__meter" min={0} max={100} low={budget.freezeBelow * 100} optimum={100} value={percentLeft} aria-label={`Error budget left: ${percentLeft} %`} />
      {budget.frozen ? (
        <p className="budget__frozen">
          {optional
            ? `Frozen: less than ${Math.round(budget.freezeBelow * 100)} % left, so optional releases need an override with a reason.`
            : `Below ${Math.round(budget.freezeBelow * 100)} %, but this service's releases are required (optional: false) and are not frozen.`}
        </p>
      ) : null}
    </section>
  );
}
