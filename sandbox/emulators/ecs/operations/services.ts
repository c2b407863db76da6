// ListServices, DescribeServices, CreateService, UpdateService, DeleteService.

import { nameOf } from '../arn';
import { resolveDeploymentConfig } from '../config';
import { EcsError, invalidParameter } from '../errors';
import { paginate } from '../pagination';
import { EcsService } from '../service';
import { includesTags, parseTags } from '../tags';
import { wireService } from '../wire-service';
import { requiredString, stringList, type Operation } from './types';

export const listServices: Operation = (state, input) => {
  const cluster = state.cluster(input.cluster);
  const launchType = input.launchType ?? 'FARGATE';
  const arns = launchType === 'FARGATE' ? [...cluster.services.values()].filter((s) => s.status !== 'INACTIVE').map((s) => s.arn) : [];
  const { page, nextToken } = paginate(arns, input, 'ListServices', { default: 10, max: 100 });
  return { serviceArns: page, ...(nextToken ? { nextToken } : {}) };
};

export const describeServices: Operation = (state, input) => {
  const cluster = state.cluster(input.cluster);
  const refs = stringList(input.services, 'services', 10);
  const at = state.now();
  const withTags = includesTags(input.include);
  const services: Record<string, unknown>[] = [];
  const failures: Record<string, unknown>[] = [];
  for (const ref of refs) {
    const service = cluster.services.get(nameOf(ref));
    if (service) services.push(wireService(service, at, withTags ? state.tags.list(service.arn) : undefined));
    else failures.push({ arn: ref.startsWith('arn:') ? ref : state.arns.service(cluster.name, ref), reason: 'MISSING' });
  }
  return { services, failures };
};

export const createService: Operation = (state, input) => {
  const cluster = state.cluster(input.cluster);
  const name = requiredString(input.serviceName, 'serviceName');
  if (!/^[A-Za-z0-9_-]{1,255}$/.test(name)) throw invalidParameter('Service names can have up to 255 letters, numbers, hyphens and underscores.');
  const existing = cluster.services.get(name);
  if (existing && existing.status !== 'INACTIVE') throw invalidParameter('Creation of service was not idempotent.');
  // Refused rather than shown as FARGATE: the sandbox has no container instances to place EC2 or EXTERNAL tasks on.
  if (input.launchType !== undefined && input.launchType !== 'FARGATE') {
    throw invalidParameter(`The sandbox ECS endpoint runs services on FARGATE only; launch type ${String(input.launchType)} has no container instances here.`);
  }
  const definition = state.taskDefinitions.require(requiredString(input.taskDefinition, 'taskDefinition'));
  if (definition.extra.networkMode === 'awsvpc' && input.networkConfiguration === undefined) {
    throw invalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  }
  const desiredCount = count(input.desiredCount ?? 1);
  const tags = parseTags(input.tags);
  const config = resolveDeploymentConfig(input.deploymentConfiguration);
  const at = state.now();
  const service = new EcsService({
    name,
    clusterName: cluster.name,
    arns: state.arns,
    desiredCount,
    config,
    loadBalancers: Array.isArray(input.loadBalancers) ? input.loadBalancers : [],
    networkConfiguration: input.networkConfiguration ?? null,
    createdAt: at,
    fateOf: (d) => state.fateOf(d),
  });
  if (typeof input.healthCheckGracePeriodSeconds === 'number') service.healthCheckGracePeriodSeconds = input.healthCheckGracePeriodSeconds;
  cluster.services.set(name, service);
  // A name reused after delete-service starts with the new request's tags only.
  state.tags.forget(service.arn);
  if (tags) state.tags.tag(service.arn, tags);
  service.deploy(definition, config, at);
  return { service: wireService(service, at, tags) };
};

export const updateService: Operation = (state, input) => {
  const service = state.service(input.cluster, requiredString(input.service, 'service'));
  if (service.status !== 'ACTIVE') throw new EcsError('ServiceNotActiveException', 'Service was not ACTIVE.');
  const at = state.now();
  service.advance(at);
  const config = resolveDeploymentConfig(input.deploymentConfiguration, service.config);
  if (input.deploymentController !== undefined) {
    const type = (input.deploymentController as { type?: unknown } | null)?.type;
    if (type !== 'ECS') throw new EcsError('InvalidParameterException', 'Updating the deployment controller type of a service is not supported by the sandbox; it uses ECS.');
  }
  if (input.desiredCount !== undefined) service.desiredCount = count(input.desiredCount);
  if (Array.isArray(input.loadBalancers)) service.loadBalancers = input.loadBalancers;
  if (input.networkConfiguration !== undefined) service.networkConfiguration = input.networkConfiguration;
  if (typeof input.healthCheckGracePeriodSeconds === 'number') service.healthCheckGracePeriodSeconds = input.healthCheckGracePeriodSeconds;
  const definition = input.taskDefinition !== undefined ? state.taskDefinitions.require(requiredString(input.taskDefinition, 'taskDefinition')) : null;
  const changed = definition !== null && definition.taskDefinitionArn !== service.taskDefinition?.taskDefinitionArn;
  if (changed || input.forceNewDeployment === true || Array.isArray(input.loadBalancers)) {
    service.deploy(definition ?? service.taskDefinition!, config, at);
  } else {
    service.config = config;
    // Without a new deployment a desiredCount change scales the serving revision.
    if (input.desiredCount !== undefined && !service.activeRun && service.primaryRevision) service.fleet.setRequested(service.primaryRevision, service.desiredCount);
    service.advance(at);
  }
  return { service: wireService(service, at) };
};

/** Refused while the service wants tasks, unless forced (which scales it to 0 first). */
export const deleteService: Operation = (state, input) => {
  const service = state.service(input.cluster, requiredString(input.service, 'service'));
  if (service.status !== 'ACTIVE') throw new EcsError('ServiceNotActiveException', 'Service was not ACTIVE.');
  if (service.desiredCount > 0 && input.force !== true) throw invalidParameter('The service cannot be stopped while it is scaled above 0.');
  const at = state.now();
  service.delete(at);
  return { service: wireService(service, at) };
};

function count(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 5000) throw invalidParameter('desiredCount must be an integer between 0 and 5000.');
  return value;
}
