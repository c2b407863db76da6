// ListClusters, DescribeClusters, CreateCluster, DeleteCluster.

import { nameOf } from '../arn';
import { EcsError, invalidParameter } from '../errors';
import { paginate } from '../pagination';
import { includesTags, parseTags } from '../tags';
import { clusterTasks, wireCluster } from '../wire-service';
import { requiredString, stringList, type Operation } from './types';

export const listClusters: Operation = (state, input) => {
  const arns = [...state.clusters.values()].filter((c) => c.status === 'ACTIVE').map((c) => c.arn);
  const { page, nextToken } = paginate(arns, input, 'ListClusters', { default: 100, max: 100 });
  return { clusterArns: page, ...(nextToken ? { nextToken } : {}) };
};

export const describeClusters: Operation = (state, input) => {
  const refs = input.clusters === undefined ? ['default'] : stringList(input.clusters, 'clusters', 100);
  const at = state.now();
  const withTags = includesTags(input.include);
  const clusters: Record<string, unknown>[] = [];
  const failures: Record<string, unknown>[] = [];
  for (const ref of refs) {
    // A deleted cluster is still described, as INACTIVE.
    const cluster = state.clusters.get(nameOf(ref));
    if (cluster) clusters.push(wireCluster(cluster, at, withTags ? state.tags.list(cluster.arn) : undefined));
    else failures.push({ arn: ref.startsWith('arn:') ? ref : state.arns.cluster(ref), reason: 'MISSING' });
  }
  return { clusters, failures };
};

/** Creates the cluster, or answers the existing one unchanged (CreateCluster is idempotent on the name). */
export const createCluster: Operation = (state, input) => {
  const name = input.clusterName === undefined ? 'default' : requiredString(input.clusterName, 'clusterName');
  if (!/^[A-Za-z0-9_-]{1,255}$/.test(name)) {
    throw invalidParameter('Cluster name can have up to 255 characters: letters (uppercase and lowercase), numbers, hyphens, and underscores.');
  }
  const at = state.now();
  const tags = parseTags(input.tags) ?? [];
  const existing = state.clusters.get(name);
  if (existing?.status === 'ACTIVE') return { cluster: wireCluster(existing, at, state.tags.list(existing.arn)) };
  const cluster = state.addCluster(name, at, {
    tags,
    settings: input.settings === undefined ? [{ name: 'containerInsights', value: 'disabled' }] : list(input.settings, 'settings'),
    capacityProviders: input.capacityProviders === undefined ? [] : stringList(input.capacityProviders, 'capacityProviders', 6),
    defaultCapacityProviderStrategy: list(input.defaultCapacityProviderStrategy, 'defaultCapacityProviderStrategy'),
  });
  return { cluster: wireCluster(cluster, at, state.tags.list(cluster.arn)) };
};

/** Refused while a service is ACTIVE or a task still runs (a deleted service drains first). */
export const deleteCluster: Operation = (state, input) => {
  const cluster = state.cluster(requiredString(input.cluster, 'cluster'));
  const at = state.now();
  const services = [...cluster.services.values()];
  if (services.some((s) => s.status === 'ACTIVE')) throw new EcsError('ClusterContainsServicesException', 'The Cluster cannot be deleted while Services are active.');
  if (clusterTasks(cluster).some((t) => t.status(at) !== 'STOPPED')) {
    throw new EcsError('ClusterContainsTasksException', 'The Cluster cannot be deleted while Tasks are active.');
  }
  cluster.status = 'INACTIVE';
  return { cluster: wireCluster(cluster, at) };
};

function list(value: unknown, what: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalidParameter(`${what} must be a list.`);
  return value;
}
