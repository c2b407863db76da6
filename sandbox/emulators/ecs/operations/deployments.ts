// ListServiceDeployments, DescribeServiceDeployments, DescribeServiceRevisions, StopServiceDeployment, ContinueServiceDeployment.

import { EcsError, invalidParameter } from '../errors';
import { SERVICE_DEPLOYMENT_STATUSES, type ServiceDeploymentStatus } from '../model';
import { paginate } from '../pagination';
import { deploymentBrief, serviceDeployment, serviceRevision } from '../wire-deployment';
import { parseTime } from '../wire-time';
import { requiredString, stringList, type Operation } from './types';

export const listServiceDeployments: Operation = (state, input) => {
  const service = state.service(input.cluster, requiredString(input.service, 'service'));
  const statuses = input.status === undefined ? null : stringList(input.status, 'status', 9);
  for (const status of statuses ?? []) {
    if (!SERVICE_DEPLOYMENT_STATUSES.includes(status as ServiceDeploymentStatus)) throw invalidParameter(`Invalid status '${status}'.`);
  }
  const created = (input.createdAt ?? {}) as { before?: unknown; after?: unknown };
  const before = parseTime(created.before);
  const after = parseTime(created.after);
  const runs = [...service.deployments]
    .reverse()
    .filter((run) => statuses === null || statuses.includes(run.status))
    .filter((run) => (before === null || run.createdAt < before) && (after === null || run.createdAt > after));
  const { page, nextToken } = paginate(runs, input, `ListServiceDeployments:${service.arn}`, { default: 20, max: 100 });
  return { serviceDeployments: page.map((run) => deploymentBrief(service, run)), ...(nextToken ? { nextToken } : {}) };
};

export const describeServiceDeployments: Operation = (state, input) => {
  const arns = stringList(input.serviceDeploymentArns, 'serviceDeploymentArns', 20);
  const at = state.now();
  const serviceDeployments: Record<string, unknown>[] = [];
  const failures: Record<string, unknown>[] = [];
  for (const arn of arns) {
    const found = state.findDeployment(arn);
    if (found) serviceDeployments.push(serviceDeployment(found.service, found.run, at));
    else failures.push({ arn, reason: 'MISSING', detail: 'The service deployment does not exist.' });
  }
  return { serviceDeployments, failures };
};

export const describeServiceRevisions: Operation = (state, input) => {
  const arns = stringList(input.serviceRevisionArns, 'serviceRevisionArns', 20);
  const serviceRevisions: Record<string, unknown>[] = [];
  const failures: Record<string, unknown>[] = [];
  for (const arn of arns) {
    const found = state.findRevision(arn);
    const revision = found ? serviceRevision(found.service, arn) : null;
    if (revision) serviceRevisions.push(revision);
    else failures.push({ arn, reason: 'MISSING', detail: 'The service revision does not exist.' });
  }
  return { serviceRevisions, failures };
};

export const stopServiceDeployment: Operation = (state, input) => {
  const arn = requiredString(input.serviceDeploymentArn, 'serviceDeploymentArn');
  const stopType = input.stopType ?? 'ROLLBACK';
  if (stopType === 'ABORT') throw new EcsError('UnsupportedFeatureException', 'The ABORT stop type is not supported. The valid value is ROLLBACK.');
  if (stopType !== 'ROLLBACK') throw invalidParameter(`Invalid stopType '${String(stopType)}'. The valid value is ROLLBACK.`);
  const found = state.findDeployment(arn);
  if (!found) throw new EcsError('ServiceDeploymentNotFoundException', 'The service deployment does not exist.');
  const { run } = found;
  if (run.completed) throw new EcsError('ConflictException', `The service deployment is ${run.status} and cannot be stopped.`);
  // From STOP_REQUESTED or a rollback already under way, the current operation just continues.
  if (run.status === 'PENDING' || run.status === 'IN_PROGRESS') run.requestRollback(state.now(), 'Service deployment rolled back because of a StopServiceDeployment request.');
  return { serviceDeploymentArn: run.arn };
};

export const continueServiceDeployment: Operation = (state, input) => {
  const arn = requiredString(input.serviceDeploymentArn, 'serviceDeploymentArn');
  const hookId = requiredString(input.hookId, 'hookId');
  const action = input.action ?? 'CONTINUE';
  if (action !== 'CONTINUE' && action !== 'ROLLBACK') throw invalidParameter(`Invalid action '${String(action)}'. Valid values are CONTINUE and ROLLBACK.`);
  const found = state.findDeployment(arn);
  if (!found) throw new EcsError('ServiceDeploymentNotFoundException', 'The service deployment does not exist.');
  const { run } = found;
  if (run.status !== 'IN_PROGRESS') throw new EcsError('ClientException', `The service deployment is ${run.status}; only an IN_PROGRESS service deployment can be continued.`);
  const hook = run.hooks.find((h) => h.hookId === hookId);
  if (!hook || hook.targetType !== 'PAUSE') throw invalidParameter(`The lifecycle hook ${hookId} is not a PAUSE hook of the current lifecycle stage of this service deployment.`);
  if (hook.status !== 'AWAITING_ACTION') throw invalidParameter(`The lifecycle hook ${hookId} is ${hook.status}, not AWAITING_ACTION.`);
  run.continueHook(hookId, action, state.now());
  return { serviceDeploymentArn: run.arn };
};
