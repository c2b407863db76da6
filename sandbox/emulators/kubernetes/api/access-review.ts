// The answers to SelfSubjectAccessReview and SelfSubjectRulesReview (`kubectl auth can-i`, `--list`): the sandbox has
// one user, bound to cluster-admin as the system:masters group is, so every action is allowed.

import { invalid, invalidValue } from './errors';
import type { ResourceType } from './resources';
import { rfc3339 } from './time';
import { isRecord, type KubeObject } from './types';

const ALLOWED_BY = 'RBAC: allowed by ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"';

/** What cluster-admin, system:basic-user, system:discovery and system:public-info-viewer grant, as a real server lists them. */
const RESOURCE_RULES = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] },
];
const NON_RESOURCE_RULES = [
  { verbs: ['*'], nonResourceURLs: ['*'] },
  { verbs: ['get'], nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'] },
];

function spec(object: KubeObject): Record<string, unknown> {
  return isRecord(object.spec) ? object.spec : {};
}

/** The review with its status filled in; 422 for one that asks nothing, as the real server does. */
export function answerReview(resource: ResourceType, object: KubeObject, now: number): KubeObject {
  const metadata = { ...object.metadata, creationTimestamp: rfc3339(now) };
  if (resource.kind === 'SelfSubjectAccessReview') {
    const { resourceAttributes, nonResourceAttributes } = spec(object);
    if (!resourceAttributes && !nonResourceAttributes) {
      throw invalid(resource, '', [invalidValue('spec.resourceAttributes', 'null', 'exactly one of nonResourceAttributes or resourceAttributes must be specified')]);
    }
    return { ...object, metadata, status: { allowed: true, reason: ALLOWED_BY } };
  }
  const namespace = spec(object).namespace;
  return {
    ...object,
    metadata,
    spec: { ...spec(object), ...(typeof namespace === 'string' ? { namespace } : {}) },
    status: { resourceRules: RESOURCE_RULES, nonResourceRules: NON_RESOURCE_RULES, incomplete: false },
  };
}
