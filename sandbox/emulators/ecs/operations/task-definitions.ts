// RegisterTaskDefinition, DescribeTaskDefinition.

import { wireTaskDefinition } from '../wire-service';
import { requiredString, type Operation } from './types';

export const registerTaskDefinition: Operation = (state, input) => {
  const definition = state.taskDefinitions.register(input, state.now());
  return { taskDefinition: wireTaskDefinition(definition), ...(Array.isArray(input.tags) ? { tags: input.tags } : {}) };
};

export const describeTaskDefinition: Operation = (state, input) => {
  const definition = state.taskDefinitions.require(requiredString(input.taskDefinition, 'taskDefinition'));
  return { taskDefinition: wireTaskDefinition(definition), tags: [] };
};
