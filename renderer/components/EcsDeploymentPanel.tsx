// An ECS service's deployment as ECS reports it: strategy, stage, traffic per revision, hooks and monitors.

import type { EcsDetail, EcsServiceDeployment } from '../../app/ecs-detail';
import { clockText } from '../domain/format';
import { hookText, isActiveDeployment, monitorText, nativeActionNotes, trafficText } from '../domain/ecs';
import '../styles/ecs.css';

function Revisions({ deployment }: { deployment: EcsServiceDeployment }) {
  return (
    <table className="ecs-table" aria-label="Service revisions">
      <thead>
        <tr>
          <th scope="col">Revision</th>
          <th scope="col">Production</th>
          <th scope="col">Test</th>
          <th scope="col">Tasks</th>
        </tr>
      </thead>
      <tbody>
        {deployment.revisions.map((r) => (
          <tr key={r.arn}>
            <td>
              <span className="mono">{r.version}</span> <span className="muted small">{r.role}</span>
            </td>
            <td className="num">{trafficText(r.productionPercent)}</td>
            <td className="num">{trafficText(r.testPercent)}</td>
            <td className="num small">
              {r.running}/{r.requested} running{r.pending > 0 ? `, ${r.pending} pending` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Deployment({ deployment, worldNow }: { deployment: EcsServiceDeployment; worldNow: number | null }) {
  const breaker = deployment.circuitBreaker;
  const alarms = deployment.alarms;
  return (
    <div className="ecs-deployment">
      <p>
        <strong>{deployment.strategy}</strong> deployment <span className={`ecs-status ecs-status--${deployment.status.toLowerCase()}`}>{deployment.status}</span>
        {deployment.lifecycleStage ? (
          <>
            {' '}at <span className="mono">{deployment.lifecycleStage}</span>
          </>
        ) : null}
        {deployment.startedAt !== null ? <span className="muted small"> · started {clockText(deployment.startedAt)}</span> : null}
      </p>
      {deployment.statusReason ? <p className="muted small">{deployment.statusReason}</p> : null}
      <Revisions deployment={deployment} />
      {deployment.hooks.length > 0 ? (
        <ul className="ecs-hooks" aria-label="Lifecycle hooks">
          {deployment.hooks.map((hook) => (
            <li key={hook.hookId} className={hook.status === 'AWAITING_ACTION' ? 'ecs-hook--awaiting' : undefined}>
              {hook.targetType} hook <span className="mono small">{hook.hookId}</span>: {hookText(hook, worldNow)}
            </li>
          ))}
        </ul>
      ) : null}
      <dl className="ecs-kv">
        <dt>Bake</dt>
        <dd>
          {deployment.bake.stepMinutes !== null ? `${deployment.bake.stepMinutes} min per step, ` : ''}
          {deployment.bake.finalMinutes !== null ? `${deployment.bake.finalMinutes} min after the last shift` : 'none'}
        </dd>
        <dt>Circuit breaker</dt>
        <dd>{monitorText(breaker, breaker ? `${breaker.failureCount}/${breaker.threshold} failed tasks` : '')}</dd>
        <dt>Alarms</dt>
        <dd>{monitorText(alarms, alarms && alarms.triggered.length > 0 ? `triggered: ${alarms.triggered.join(', ')}` : (alarms?.alarmNames.join(', ') ?? ''))}</dd>
        {deployment.rollback ? (
          <>
            <dt>Rollback</dt>
            <dd>{deployment.rollback.reason ?? 'requested'}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}

export function EcsDeploymentPanel({ ecs, worldNow }: { ecs: EcsDetail; worldNow: number | null }) {
  const notes = nativeActionNotes(ecs);
  return (
    <section className="panel ecs-panel" aria-labelledby="ecs-heading">
      <h3 id="ecs-heading" className="subhead">
        ECS {ecs.service} <span className="muted small">{ecs.cluster} · {ecs.region}{ecs.profile ? ` · ${ecs.profile}` : ''}</span>
      </h3>
      <p className="small">
        {ecs.strategy} · {ecs.runningCount}/{ecs.desiredCount} tasks running{ecs.pendingCount > 0 ? `, ${ecs.pendingCount} pending` : ''}
        {ecs.circuitBreaker ? ` · circuit breaker ${ecs.circuitBreaker.enable ? 'on' : 'off'}${ecs.circuitBreaker.rollback ? ' (rolls back)' : ''}` : ''}
      </p>
      {ecs.deployment ? (
        <Deployment deployment={ecs.deployment} worldNow={worldNow} />
      ) : (
        <p className="muted small">No service deployment reported.</p>
      )}
      {!isActiveDeployment(ecs.deployment) && ecs.taskSets.length > 0 ? (
        <table className="ecs-table" aria-label="Rolling deployments">
          <thead>
            <tr>
              <th scope="col">Deployment</th>
              <th scope="col">Rollout</th>
              <th scope="col">Running / desired</th>
              <th scope="col">Failed</th>
            </tr>
          </thead>
          <tbody>
            {ecs.taskSets.map((t) => (
              <tr key={t.id}>
                <td><span className="mono">{t.version}</span> <span className="muted small">{t.status}</span></td>
                <td className="small" title={t.rolloutStateReason ?? undefined}>{t.rolloutState ?? '—'}</td>
                <td className="num">{t.running}/{t.desired}</td>
                <td className="num">{t.failedTasks}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {notes.length > 0 ? (
        <ul className="ecs-notes small" aria-label="What the buttons do on ECS">
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      {ecs.events.length > 0 ? (
        <details className="small">
          <summary>Service events</summary>
          <ul className="ecs-events">
            {ecs.events.map((e, i) => (
              <li key={`${e.at ?? i}-${i}`}>
                {e.at !== null ? <span className="muted">{clockText(e.at)} </span> : null}
                {e.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
