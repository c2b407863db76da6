// TagResource, UntagResource, ListTagsForResource: tags of clusters, services, task definitions and tasks, by ARN.

import { EcsError, invalidParameter } from '../errors';
import type { EcsState } from '../state';
import { parseTags } from '../tags';
import { findTask } from './tasks';
import { requiredString, stringList, type Operation } from './types';

export const tagResource: Operation = (state, input) => {
  const arn = taggable(state, input.resourceArn);
  const tags = parseTags(input.tags);
  if (!tags || tags.length === 0) throw invalidParameter('tags must name at least one tag.');
  state.tags.tag(arn, tags);
  return {};
};

export const untagResource: Operation = (state, input) => {
  const arn = taggable(state, input.resourceArn);
  state.tags.untag(arn, stringList(input.tagKeys, 'tagKeys', 50));
  return {};
};

export const listTagsForResource: Operation = (state, input) => ({ tags: state.tags.list(taggable(state, input.resourceArn)) });

/** The ARN of an existing cluster, service, task definition or task, as ECS checks it before tagging. */
function taggable(state: EcsState, value: unknown): string {
  const arn = requiredString(value, 'resourceArn');
  const match = /^arn:aws:ecs:[^:]*:[^:]*:(cluster|service|task-definition|task)\/(.+)$/.exec(arn);
  if (!match) throw invalidParameter('The ARN provided is invalid.');
  const [, type, path] = match as unknown as [string, string, string];
  if (type === 'task-definition') {
    if (!state.taskDefinitions.find(path)) throw notFound();
    return arn;
  }
  const [clusterName, child] = type === 'cluster' ? [path, null] : splitOnce(path);
  const cluster = state.cluster(clusterName);
  if (type === 'service' && cluster.services.get(child ?? '')?.status !== 'ACTIVE') throw notFound();
  if (type === 'task' && !findTask(cluster, arn)) throw notFound();
  return arn;
}

function splitOnce(path: string): [string, string | null] {
  const slash = path.indexOf('/');
  return slash < 0 ? [path, null] : [path.slice(0, slash), path.slice(slash + 1)];
}

const notFound = () => new EcsError('ResourceNotFoundException', 'The specified resource could not be found.');
