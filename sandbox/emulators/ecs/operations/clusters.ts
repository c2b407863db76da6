// ListClusters, DescribeClusters.

import { nameOf } from '../arn';
import { paginate } from '../pagination';
import { wireCluster } from '../wire-service';
import { stringList, type Operation } from './types';

export const listClusters: Operation = (state, input) => {
  const arns = [...state.clusters.values()].map((c) => c.arn);
  const { page, nextToken } = paginate(arns, input, 'ListClusters', { default: 100, max: 100 });
  return { clusterArns: page, ...(nextToken ? { nextToken } : {}) };
};

export const describeClusters: Operation = (state, input) => {
  const refs = input.clusters === undefined ? ['default'] : stringList(input.clusters, 'clusters', 100);
  const at = state.now();
  const clusters: Record<string, unknown>[] = [];
  const failures: Record<string, unknown>[] = [];
  for (const ref of refs) {
    const cluster = state.clusters.get(nameOf(ref));
    if (cluster) clusters.push(wireCluster(cluster, at));
    else failures.push({ arn: ref.startsWith('arn:') ? ref : state.arns.cluster(ref), reason: 'MISSING' });
  }
  return { clusters, failures };
};
