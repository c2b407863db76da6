// The plan, with done / current / upcoming steps; the current one carries aria-current="step".

import { isTerminal } from '../../app/model';
import type { Release } from '../../app/release';
import { describeStep } from '../../app/plans';
import { durationText } from '../domain/format';

interface Props {
  release: Release;
  /** Latest world time seen (ms), to show how long the current step has run. */
  worldNow: number | null;
}

function stepDurationMs(release: Release, index: number): number | null {
  const step = release.plan.steps[index];
  if (step === undefined) return null;
  if (step.kind === 'pause') return step.durationMs;
  if (step.kind === 'analysis') return step.durationMs;
  if (step.kind === 'retire') return step.delayMs;
  return null;
}

export function PlanSteps({ release, worldNow }: Props) {
  const ended = isTerminal(release.phase);
  const steps = release.plan.steps;
  const elapsed = worldNow === null ? null : Math.max(0, worldNow - release.stepStartedAt);
  const currentDuration = stepDurationMs(release, release.stepIndex);
  return (
    <section className="plan" aria-labelledby="plan-heading">
      <h3 id="plan-heading" className="subhead">
        Plan <span className="muted small">({release.plan.strategy}, {steps.length} steps)</span>
      </h3>
      <ol className="plan-steps">
        {steps.map((step, i) => {
          const current = !ended && i === release.stepIndex;
          const state = i < release.stepIndex ? 'done' : current ? 'current' : 'upcoming';
          return (
            <li key={i} className={`plan-step plan-step--${state}`} aria-current={current ? 'step' : undefined}>
              <span className="plan-step__marker" aria-hidden="true">{state === 'done' ? '✓' : current ? '▶' : i + 1}</span>
              <span className="plan-step__text">{describeStep(step)}</span>
              {current && release.phase === 'Paused' ? <span className="tag tag--paused">paused</span> : null}
              {current && elapsed !== null && release.phase === 'Progressing' ? (
                <span className="muted small num">
                  {' '}{durationText(elapsed)}{currentDuration !== null ? ` of ${durationText(currentDuration)}` : ''}
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
      {!ended && release.stepIndex >= steps.length ? (
        <p className="muted small">Every step is done; promote to finish.</p>
      ) : null}
    </section>
  );
}
