// How ECS ended a release's service deployment on its own: success, circuit breaker, alarms, hook timeout, stop.

import type { ServiceDeployment } from '@aws-sdk/client-ecs';
import type { NativeOutcome } from '../../app/ports';
import { isActiveStatus, type ServiceSnapshot } from './fleet-reader';

/** What tripped: the circuit breaker, alarms, or ECS's own words. */
function whyOf(d: ServiceDeployment): string {
  const parts: string[] = [];
  const said = d.rollback?.reason ?? d.statusReason;
  if (said) parts.push(said.replace(/\.$/, ''));
  const breaker = d.deploymentCircuitBreaker;
  if (breaker?.status === 'TRIGGERED' && !/circuit breaker/i.test(said ?? '')) {
    parts.push(`circuit breaker triggered after ${breaker.failureCount ?? 0} failed tasks`);
  }
  const alarms = d.alarms?.triggeredAlarmNames ?? [];
  if (alarms.length > 0) parts.push(`alarm${alarms.length > 1 ? 's' : ''} ${alarms.join(', ')} in ALARM`);
  return parts.length > 0 ? parts.join('; ') : 'ECS gave no reason';
}

/**
 * The outcome of the deployment of `candidate` that a release started, once ECS has ended it; null while it runs,
 * or when the latest deployment is not this release's (another version, or the one that ran before the start).
 */
export function deploymentOutcome(snapshot: ServiceSnapshot, candidate: string, before: string | undefined): NativeOutcome | null {
  const d = snapshot.deployment;
  const arn = d?.serviceDeploymentArn;
  if (!d || !arn || arn === before || isActiveStatus(d.status)) return null;
  const target = d.targetServiceRevision?.arn;
  if (!target || snapshot.revisionVersions.get(target) !== candidate) return null;
  const on = `${candidate} on ${snapshot.name}`;
  switch (d.status) {
    case 'SUCCESSFUL':
      return { phase: 'Promoted', actor: 'ecs', reason: `ECS finished deploying ${on} (SUCCESSFUL)` };
    case 'ROLLBACK_SUCCESSFUL':
      return { phase: 'RolledBack', actor: 'ecs', reason: `ECS rolled back ${on}: ${whyOf(d)}` };
    case 'ROLLBACK_FAILED':
      return { phase: 'Failed', actor: 'ecs', reason: `ECS could not roll back ${on} (ROLLBACK_FAILED): ${whyOf(d)}` };
    default:
      return { phase: 'Failed', actor: 'ecs', reason: `ECS ended the deployment of ${on} ${d.status ?? 'UNKNOWN'}: ${whyOf(d)}` };
  }
}
