// How ECS ended a release's deployment, in the words the journal and the release show.

import { describe, expect, it } from 'vitest';
import type { ServiceDeployment } from '@aws-sdk/client-ecs';
import { deploymentOutcome } from '../../adapters/ecs/deployment-outcome';
import type { ServiceSnapshot } from '../../adapters/ecs/fleet-reader';

const V2 = 'arn:aws:ecs:us-east-1:1:service-revision/shop/orders/2';
const V1 = 'arn:aws:ecs:us-east-1:1:service-revision/shop/orders/1';

function snapshot(deployment: Partial<ServiceDeployment>): ServiceSnapshot {
  return {
    name: 'orders',
    service: null,
    missing: null,
    deployment: { serviceDeploymentArn: 'arn:d/2', targetServiceRevision: { arn: V2 }, sourceServiceRevisions: [{ arn: V1 }], ...deployment },
    revisionVersions: new Map([
      [V1, 'v1'],
      [V2, 'v2'],
    ]),
    taskVersions: new Map(),
    tasks: [],
    readAt: 0,
  };
}

describe('deploymentOutcome', () => {
  it('is null while ECS still works on the deployment, or rolls it back', () => {
    for (const status of ['PENDING', 'IN_PROGRESS', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS'] as const) {
      expect(deploymentOutcome(snapshot({ status }), 'v2', undefined)).toBeNull();
    }
  });

  it('Promoted on SUCCESSFUL', () => {
    expect(deploymentOutcome(snapshot({ status: 'SUCCESSFUL' }), 'v2', undefined)).toEqual({ phase: 'Promoted', actor: 'ecs', reason: 'ECS finished deploying v2 on orders (SUCCESSFUL)' });
  });

  it('RolledBack names the alarms that fired', () => {
    const out = deploymentOutcome(
      snapshot({ status: 'ROLLBACK_SUCCESSFUL', rollback: { reason: 'CloudWatch alarm triggered.' }, alarms: { status: 'TRIGGERED', alarmNames: ['orders-5xx'], triggeredAlarmNames: ['orders-5xx'] } }),
      'v2',
      undefined,
    );
    expect(out).toEqual({ phase: 'RolledBack', actor: 'ecs', reason: 'ECS rolled back v2 on orders: CloudWatch alarm triggered; alarm orders-5xx in ALARM' });
  });

  it('Failed when the rollback failed or ECS stopped the deployment', () => {
    expect(deploymentOutcome(snapshot({ status: 'ROLLBACK_FAILED', statusReason: 'No previous revision.' }), 'v2', undefined)?.phase).toBe('Failed');
    const stopped = deploymentOutcome(snapshot({ status: 'STOPPED', deploymentCircuitBreaker: { status: 'TRIGGERED', failureCount: 3, threshold: 3 } }), 'v2', undefined);
    expect(stopped).toEqual({ phase: 'Failed', actor: 'ecs', reason: 'ECS ended the deployment of v2 on orders STOPPED: circuit breaker triggered after 3 failed tasks' });
  });

  it("ignores another version's deployment and the one that ran before the release started", () => {
    expect(deploymentOutcome(snapshot({ status: 'SUCCESSFUL' }), 'v3', undefined)).toBeNull();
    expect(deploymentOutcome(snapshot({ status: 'ROLLBACK_SUCCESSFUL' }), 'v2', 'arn:d/2')).toBeNull();
  });
});
