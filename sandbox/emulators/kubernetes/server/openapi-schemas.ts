// OpenAPI v3 component schemas of the built-in kinds, generated from the protobuf schema (proto/*.proto): fields,
// types, descriptions, required fields and patch merge keys, so `kubectl explain deployment.spec` shows real fields.

import type { Field, Type } from 'protobufjs';
import { groupVersion, type ResourceType } from '../api/resources';
import { isInline, isRequired, messageFor, patchMergeKey, patchStrategy, specialKind } from '../proto/schema';

type Schema = Record<string, unknown>;

const SPECIAL_NAMES: Record<string, string> = {
  intorstring: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
  quantity: 'io.k8s.apimachinery.pkg.api.resource.Quantity',
};

const SPECIAL_SCHEMAS: Record<string, Schema> = {
  time: { type: 'string', format: 'date-time', description: 'Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.' },
  microtime: { type: 'string', format: 'date-time', description: 'MicroTime is version of Time with microsecond level precision.' },
  intorstring: { type: 'string', format: 'int-or-string', 'x-kubernetes-int-or-string': true, description: 'IntOrString is a type that can hold an int32 or a string.' },
  quantity: { type: 'string', description: 'Quantity is a fixed-point representation of a number, e.g. 100m, 64Mi, 2.' },
};

/** `k8s.io.api.apps.v1.Deployment` → `io.k8s.api.apps.v1.Deployment`, as kube-openapi names definitions. */
export function schemaName(type: Type): string {
  const special = specialKind(type);
  if (special && SPECIAL_NAMES[special]) return SPECIAL_NAMES[special];
  return type.fullName.replace(/^\.k8s\.io\./, 'io.k8s.');
}

/** A .proto comment as one paragraph, as the API's descriptions read. */
const prose = (comment: string | null): Schema => (comment ? { description: comment.replace(/\s*\n\s*/g, ' ') } : {});
const ref = (type: Type): Schema => ({ $ref: `#/components/schemas/${schemaName(type)}` });
const messageOf = (field: Field): Type | null => (field.resolvedType && 'fieldsArray' in field.resolvedType ? (field.resolvedType as Type) : null);

function scalar(field: Field): Schema {
  switch (field.type) {
    case 'string':
      return { type: 'string' };
    case 'bool':
      return { type: 'boolean' };
    case 'bytes':
      return { type: 'string', format: 'byte' };
    case 'int64':
      return { type: 'integer', format: 'int64' };
    default:
      return { type: 'integer', format: 'int32' };
  }
}

function element(field: Field): Schema {
  const type = messageOf(field);
  return type ? { allOf: [ref(type)] } : scalar(field);
}

function property(field: Field): Schema {
  const extensions = {
    ...(patchMergeKey(field) ? { 'x-kubernetes-patch-merge-key': patchMergeKey(field) } : {}),
    ...(patchStrategy(field) ? { 'x-kubernetes-patch-strategy': patchStrategy(field) } : {}),
  };
  const description = prose(field.comment);
  if (field.map) return { type: 'object', additionalProperties: element(field), ...description, ...extensions };
  if (field.repeated) return { type: 'array', items: element(field), ...description, ...extensions };
  return { ...element(field), ...description, ...extensions };
}

function objectSchema(type: Type, gvk?: object): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  const add = (t: Type) => {
    for (const field of t.fieldsArray) {
      const inner = messageOf(field);
      if (isInline(field) && inner) add(inner);
      else {
        properties[field.name] = property(field);
        if (isRequired(field)) required.push(field.name);
      }
    }
  };
  if (gvk) {
    properties.apiVersion = { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object.' };
    properties.kind = { type: 'string', description: 'Kind is a string value representing the REST resource this object represents.' };
  }
  add(type);
  return {
    type: 'object',
    ...prose(type.comment),
    properties,
    ...(required.length ? { required } : {}),
    ...(gvk ? { 'x-kubernetes-group-version-kind': [gvk] } : {}),
  };
}

/** The component schemas of a group-version's kinds and every type they reach. */
export function componentSchemas(resources: ResourceType[], version: string): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  const visit = (type: Type, gvk?: object) => {
    const name = schemaName(type);
    if (out[name] && !gvk) return;
    const special = specialKind(type);
    out[name] = special ? (SPECIAL_SCHEMAS[special] ?? {}) : objectSchema(type, gvk);
    if (special) return;
    for (const field of type.fieldsArray) {
      const inner = messageOf(field);
      if (inner && !out[schemaName(inner)]) visit(inner);
    }
  };
  for (const r of resources) {
    const type = messageFor(groupVersion(r, version), r.kind);
    if (type) visit(type, { group: r.group, version, kind: r.kind });
  }
  return out;
}
