// RegisterTaskDefinition, DescribeTaskDefinition, DeregisterTaskDefinition, ListTaskDefinitions, ListTaskDefinitionFamilies.

import { invalidParameter } from '../errors';
import { paginate } from '../pagination';
import { includesTags, parseTags } from '../tags';
import type { TaskDefinition } from '../task-definitions';
import { wireTaskDefinition } from '../wire-service';
import { requiredString, type Input, type Operation } from './types';

export const registerTaskDefinition: Operation = (state, input) => {
  const tags = parseTags(input.tags);
  const { tags: _tags, ...definitionInput } = input;
  const definition = state.taskDefinitions.register(definitionInput, state.now());
  if (tags) state.tags.tag(definition.taskDefinitionArn, tags);
  return { taskDefinition: wireTaskDefinition(definition), ...(tags ? { tags } : {}) };
};

/** Tags only with include TAGS, as ECS answers. */
export const describeTaskDefinition: Operation = (state, input) => {
  const definition = state.taskDefinitions.require(requiredString(input.taskDefinition, 'taskDefinition'));
  return { taskDefinition: wireTaskDefinition(definition), ...(includesTags(input.include) ? { tags: state.tags.list(definition.taskDefinitionArn) } : {}) };
};

export const deregisterTaskDefinition: Operation = (state, input) => {
  const definition = state.taskDefinitions.deregister(requiredString(input.taskDefinition, 'taskDefinition'), state.now());
  return { taskDefinition: wireTaskDefinition(definition) };
};

export const listTaskDefinitions: Operation = (state, input) => {
  const sort = input.sort ?? 'ASC';
  if (sort !== 'ASC' && sort !== 'DESC') throw invalidParameter('sort must be ASC or DESC.');
  // ASC is ECS's documented order: families lexicographically, revisions ascending (newest of a family last).
  const definitions = matching(state.taskDefinitions.all(), input).sort((a, b) => (a.family < b.family ? -1 : a.family > b.family ? 1 : a.revision - b.revision));
  const arns = (sort === 'DESC' ? definitions.reverse() : definitions).map((d) => d.taskDefinitionArn);
  const { page, nextToken } = paginate(arns, input, 'ListTaskDefinitions', { default: 100, max: 100 });
  return { taskDefinitionArns: page, ...(nextToken ? { nextToken } : {}) };
};

export const listTaskDefinitionFamilies: Operation = (state, input) => {
  // A family counts as ACTIVE while one of its revisions is; INACTIVE when all are.
  const status = input.status ?? 'ACTIVE';
  const all = state.taskDefinitions.all();
  const families = [...new Set(all.map((d) => d.family))].filter((family) => {
    const revisions = all.filter((d) => d.family === family);
    const active = revisions.some((d) => d.status === 'ACTIVE');
    return status === 'ALL' || (status === 'ACTIVE') === active;
  });
  const prefix = typeof input.familyPrefix === 'string' ? input.familyPrefix : '';
  const { page, nextToken } = paginate(families.filter((f) => f.startsWith(prefix)), input, 'ListTaskDefinitionFamilies', { default: 100, max: 100 });
  return { families: page, ...(nextToken ? { nextToken } : {}) };
};

function matching(definitions: TaskDefinition[], input: Input): TaskDefinition[] {
  const status = input.status ?? 'ACTIVE';
  if (status !== 'ACTIVE' && status !== 'INACTIVE') throw invalidParameter('status must be ACTIVE or INACTIVE.');
  const family = typeof input.familyPrefix === 'string' ? input.familyPrefix : null;
  // familyPrefix names a whole family here, as in ECS.
  return definitions.filter((d) => d.status === status && (family === null || d.family === family));
}
