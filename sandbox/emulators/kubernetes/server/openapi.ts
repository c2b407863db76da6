// OpenAPI v3 discovery: an index of group-versions and, per group-version, the paths and operations with their
// x-kubernetes-group-version-kind and query parameters. kubectl reads the PATCH operations to learn that the
// server validates fields itself (fieldValidation), so `kubectl apply` needs no client-side schema.
// Component schemas come from the protobuf schema (openapi-schemas.ts) for the built-in kinds it covers.

import { createHash } from 'node:crypto';
import { RESOURCES, servedVersions, type ResourceType } from '../api/resources';
import { componentSchemas } from './openapi-schemas';

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function allGroupVersions(): { group: string; version: string }[] {
  const out: { group: string; version: string }[] = [];
  for (const r of RESOURCES) {
    for (const version of servedVersions(r)) {
      if (!out.some((x) => x.group === r.group && x.version === version)) out.push({ group: r.group, version });
    }
  }
  return out;
}

const param = (name: string, where: 'query' | 'path', description: string) => ({
  name,
  in: where,
  description,
  ...(where === 'path' ? { required: true } : {}),
  schema: { type: 'string', uniqueItems: true },
});

const WRITE_PARAMS = [
  param('dryRun', 'query', 'When present, indicates that modifications should not be persisted.'),
  param('fieldManager', 'query', 'fieldManager is a name associated with the actor or entity that is making these changes.'),
  param('fieldValidation', 'query', 'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields.'),
];

function body(types: string[]) {
  return { content: Object.fromEntries(types.map((t) => [t, { schema: { type: 'object' } }])), required: true };
}

function operation(r: ResourceType, version: string, action: string, id: string, extra: object = {}) {
  return {
    description: `${action} ${r.kind}`,
    operationId: id,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: r.group, version, kind: r.kind },
    responses: { '200': { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } } },
    ...extra,
  };
}

function pathsFor(r: ResourceType, version: string): Record<string, unknown> {
  const base = `/${gvPath(r.group, version)}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.name}`;
  const id = `${r.kind}${version}`;
  const patchTypes = ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml'];
  const common = [param('name', 'path', `name of the ${r.kind}`), ...(r.namespaced ? [param('namespace', 'path', 'object name and auth scope')] : [])];
  return {
    [base]: {
      get: operation(r, version, 'list', `list${id}`),
      post: operation(r, version, 'post', `create${id}`, { parameters: WRITE_PARAMS, requestBody: body(['*/*']) }),
      parameters: r.namespaced ? [param('namespace', 'path', 'object name and auth scope')] : [],
    },
    [`${base}/{name}`]: {
      get: operation(r, version, 'get', `read${id}`),
      put: operation(r, version, 'put', `replace${id}`, { parameters: WRITE_PARAMS, requestBody: body(['*/*']) }),
      patch: operation(r, version, 'patch', `patch${id}`, { parameters: [...WRITE_PARAMS, param('force', 'query', 'Force is going to "force" Apply requests.')], requestBody: body(patchTypes) }),
      delete: operation(r, version, 'delete', `delete${id}`),
      parameters: common,
    },
  };
}

export function openApiV3Document(path: string): unknown {
  const gv = allGroupVersions().find((x) => gvPath(x.group, x.version) === path);
  if (!gv) return null;
  const resources = RESOURCES.filter((r) => r.group === gv.group && servedVersions(r).includes(gv.version));
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.4' },
    paths: Object.assign({}, ...resources.map((r) => pathsFor(r, gv.version))),
    components: { schemas: componentSchemas(resources, gv.version) },
  };
}

export function openApiV3Index(): unknown {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const { group, version } of allGroupVersions()) {
    const path = gvPath(group, version);
    const hash = createHash('sha512').update(JSON.stringify(openApiV3Document(path))).digest('hex').toUpperCase().slice(0, 128);
    paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${hash}` };
  }
  return { paths };
}

/** No v2 document: kubectl only falls back to it when v3 is missing. */
export function openApiV2(): unknown {
  return null;
}

