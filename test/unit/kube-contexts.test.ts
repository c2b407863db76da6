// Expanding `contexts:` of a Kubernetes target: one target per kubeconfig context, only the current one at start.

import { describe, expect, it } from 'vitest';
import { kubernetesTargetSchema } from '../../adapters/kubernetes/index';
import type { ContextInfo } from '../../adapters/kubernetes/kubeconfig';
import { expandKubeTarget } from '../../adapters/kubernetes/contexts';

const contexts: ContextInfo[] = [
  { name: 'kind-dev', cluster: 'kind', user: 'kind', namespace: null, server: 'https://127.0.0.1:6443', current: true },
  { name: 'arn:aws:eks:eu-west-1:1111:cluster/prod', cluster: 'prod', user: 'sso', namespace: 'payments', server: 'https://prod', current: false },
];
const target = (extra: Record<string, unknown>) =>
  kubernetesTargetSchema.parse({ id: 'k8s', platform: 'kubernetes', namespace: 'shop', services: [{ id: 'web', stable: 'v1', httpRoute: 'web', deployments: { v1: 'web-v1' } }], ...extra });

describe('kubeconfig contexts as targets', () => {
  it('makes one target per context; the current one keeps connect: start, the others wait to be opened', () => {
    const [dev, prod] = expandKubeTarget(target({ contexts: 'all' }), contexts, 'switchyard.yaml');
    expect(dev).toMatchObject({ id: 'k8s-kind-dev', name: 'k8s (kind-dev)', context: 'kind-dev', namespace: 'shop', connect: 'start' });
    expect(prod).toMatchObject({ id: 'k8s-arn-aws-eks-eu-west-1-1111-cluster-prod', context: 'arn:aws:eks:eu-west-1:1111:cluster/prod', namespace: 'payments', connect: 'open' });
    expect(prod?.services.map((s) => [s.id, s.name])).toEqual([['web-arn-aws-eks-eu-west-1-1111-cluster-prod', 'web (arn:aws:eks:eu-west-1:1111:cluster/prod)']]);
    expect(dev && 'contexts' in dev).toBe(false);
  });

  it('names what is wrong: an unknown context, or context and contexts together', () => {
    expect(() => expandKubeTarget(target({ contexts: ['kind-dev', 'staging'] }), contexts, 'switchyard.yaml')).toThrow(
      'switchyard.yaml: target k8s: the kubeconfig has no context "staging" (contexts: kind-dev, arn:aws:eks:eu-west-1:1111:cluster/prod)',
    );
    expect(() => expandKubeTarget(target({ contexts: 'all', context: 'kind-dev' }), contexts, 'switchyard.yaml')).toThrow('give either context or contexts, not both');
    expect(() => expandKubeTarget(target({ contexts: 'all' }), [], 'switchyard.yaml')).toThrow('contexts: all, but the kubeconfig has no context');
  });
});
