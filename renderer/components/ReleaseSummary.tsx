// Phase as text, the versions being moved, who started it, and why it stopped if it did.

import type { ServiceView } from '../../app/api';
import { shownReason } from '../domain/concerns';
import { clockText, percentText } from '../domain/format';
import { SplitBar } from './SplitBar';

export function ReleaseSummary({ service }: { service: ServiceView }) {
  const release = service.release;
  return (
    <div className="release-summary">
      {release === null ? (
        <p className="phase-line">
          <span className="muted">No release yet.</span>{' '}
          {service.candidate !== null ? (
            <span>
              Candidate <span className="mono">{service.candidate}</span> is ready to release over stable{' '}
              <span className="mono">{service.stable}</span>.
            </span>
          ) : (
            <span>No candidate version is deployed.</span>
          )}
        </p>
      ) : (
        <>
          <p className="phase-line">
            <span className={`phase phase--${release.phase} phase--big`}>Phase: {release.phase}</span>
            <span className="mono"> {release.stable} → {release.candidate}</span>
            <span className="muted small">
              {' '}· step {Math.min(release.stepIndex + 1, release.plan.steps.length)} of {release.plan.steps.length} · asked{' '}
              {percentText(release.candidatePercent)} for the candidate · started by {release.startedBy} at {clockText(release.startedAt)}
            </span>
          </p>
          {release.paused !== null && release.phase === 'Paused' ? (
            <p className="small">Paused by {release.paused.by} at {clockText(release.paused.at)}.</p>
          ) : null}
          {shownReason(service) ? <p className="reason">Reason: {shownReason(service)}</p> : null}
        </>
      )}
      <SplitBar split={service.split} stable={service.stable} candidate={service.candidate} large decorative />
    </div>
  );
}
