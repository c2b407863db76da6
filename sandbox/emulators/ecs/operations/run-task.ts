// RunTask: standalone tasks of a task definition on FARGATE, which no service counts, replaces or sends traffic to.

import { invalidParameter } from '../errors';
import { taskId } from '../ids';
import { parseTags, type Tag } from '../tags';
import { EcsTask } from '../task';
import { wireTask } from '../wire-service';
import { requiredString, type Operation } from './types';

const FARGATE_PROVIDERS = ['FARGATE', 'FARGATE_SPOT'];

export const runTask: Operation = (state, input) => {
  const cluster = state.cluster(input.cluster);
  const count = input.count ?? 1;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 10) throw invalidParameter('count must be an integer between 1 and 10.');
  checkLaunchType(input.launchType, input.capacityProviderStrategy);
  const definition = state.taskDefinitions.require(requiredString(input.taskDefinition, 'taskDefinition'));
  if (definition.status !== 'ACTIVE') throw invalidParameter('TaskDefinition is inactive');
  const compatibilities = definition.extra.requiresCompatibilities;
  if (Array.isArray(compatibilities) && !compatibilities.includes('FARGATE')) throw invalidParameter('Task definition does not support launch_type FARGATE.');
  if (definition.extra.networkMode === 'awsvpc' && input.networkConfiguration === undefined) {
    throw invalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  }
  const group = optionalText(input.group, 'group', 255) ?? `family:${definition.family}`;
  const startedBy = optionalText(input.startedBy, 'startedBy', 128);
  const tags = taskTags(input, state.tags.list(definition.taskDefinitionArn));
  const at = state.now();
  const container = definition.containerDefinitions[0]!;
  const fate = state.fateOf(definition);
  const tasks = Array.from({ length: count }, () => {
    const id = taskId();
    const task = new EcsTask({
      arn: state.arns.task(cluster.name, id),
      id,
      revisionArn: '',
      group,
      startedBy,
      cpu: definition.cpu,
      memory: definition.memory,
      taskDefinitionArn: definition.taskDefinitionArn,
      containerName: container.name,
      image: container.image,
      launchedAt: at,
      fate,
    });
    cluster.tasks.push(task);
    if (tags.length) state.tags.tag(task.arn, tags);
    return task;
  });
  return { tasks: tasks.map((task) => wireTask(cluster.arn, task, at, tags.length ? tags : undefined)), failures: [] };
};

/** Refused rather than shown as FARGATE, as create-service does here: the sandbox has no container instances for EC2 or EXTERNAL. */
function checkLaunchType(launchType: unknown, strategy: unknown): void {
  if (launchType !== undefined && strategy !== undefined) {
    throw invalidParameter('Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.');
  }
  if (launchType !== undefined && launchType !== 'FARGATE') {
    throw invalidParameter(`The sandbox ECS endpoint runs tasks on FARGATE only; launch type ${String(launchType)} has no container instances here.`);
  }
  if (strategy === undefined) return;
  if (!Array.isArray(strategy)) throw invalidParameter('capacityProviderStrategy must be a list.');
  for (const item of strategy as { capacityProvider?: unknown }[]) {
    if (!FARGATE_PROVIDERS.includes(String(item?.capacityProvider))) {
      throw invalidParameter(`The sandbox ECS endpoint runs tasks on FARGATE only; capacity provider ${String(item?.capacityProvider)} has no container instances here.`);
    }
  }
}

/** The request's tags, after the task definition's when propagateTags is TASK_DEFINITION (the request's win on a key). */
function taskTags(input: Record<string, unknown>, definitionTags: Tag[]): Tag[] {
  const own = parseTags(input.tags) ?? [];
  const propagate = input.propagateTags ?? 'NONE';
  if (propagate !== 'NONE' && propagate !== 'TASK_DEFINITION' && propagate !== 'SERVICE') {
    throw invalidParameter(`Invalid value '${String(propagate)}' for propagateTags. Valid values are: TASK_DEFINITION, SERVICE, NONE.`);
  }
  if (propagate !== 'TASK_DEFINITION') return own;
  const merged = new Map(definitionTags.map((t) => [t.key, t.value]));
  for (const t of own) merged.set(t.key, t.value);
  return [...merged].map(([key, value]) => ({ key, value }));
}

function optionalText(value: unknown, what: string, max: number): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value === '' || value.length > max) throw invalidParameter(`${what} must be between 1 and ${max} characters.`);
  return value;
}
