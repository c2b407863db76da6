// Parses /api/v1/... and /apis/<group>/<version>/... into resource, namespace, name and subresource.

import { findResource, type ResourceType } from '../api/resources';
import type { Subresource } from '../api/registry';

export interface ResourcePath {
  resource: ResourceType;
  version: string;
  namespace?: string;
  name?: string;
  subresource: Subresource;
}

export type ParsedPath =
  | { kind: 'resource'; path: ResourcePath }
  | { kind: 'log'; namespace?: string; name: string }
  | { kind: 'token'; namespace: string; name: string }
  | { kind: 'groupVersion'; group: string; version: string }
  | { kind: 'group'; group: string }
  | { kind: 'unknown' };

export function parseApiPath(segments: string[]): ParsedPath {
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api') {
    if (segments.length < 2) return { kind: 'unknown' };
    group = '';
    version = segments[1] ?? '';
    rest = segments.slice(2);
  } else if (segments[0] === 'apis') {
    if (segments.length === 2) return { kind: 'group', group: segments[1] ?? '' };
    if (segments.length < 3) return { kind: 'unknown' };
    group = segments[1] ?? '';
    version = segments[2] ?? '';
    rest = segments.slice(3);
  } else return { kind: 'unknown' };
  if (rest.length === 0) return { kind: 'groupVersion', group, version };
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && findResource(group, version, rest[2] ?? '')?.namespaced) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, sub, ...extra] = rest;
  const resource = findResource(group, version, plural ?? '');
  if (!resource || extra.length > 0) return { kind: 'unknown' };
  if (sub === 'log' && resource.kind === 'Pod' && name !== undefined) return { kind: 'log', ...(namespace !== undefined ? { namespace } : {}), name };
  if (sub === 'token' && resource.token && name !== undefined && namespace !== undefined) return { kind: 'token', namespace, name };
  if (sub !== undefined && !((sub === 'status' && resource.status) || (sub === 'scale' && resource.scale))) return { kind: 'unknown' };
  return {
    kind: 'resource',
    path: { resource, version, ...(namespace !== undefined ? { namespace } : {}), ...(name !== undefined ? { name } : {}), subresource: (sub ?? '') as Subresource },
  };
}
