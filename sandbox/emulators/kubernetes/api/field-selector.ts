// fieldSelector: metadata.name / metadata.namespace everywhere, a few more per resource, as kube-apiserver allows.

import { badRequest } from './errors';
import type { KubeObject } from './types';
import type { ResourceType } from './resources';

export interface FieldRequirement {
  field: string;
  value: string;
  equal: boolean;
}

const EXTRA_FIELDS: Record<string, Record<string, (o: KubeObject) => string | undefined>> = {
  pods: {
    'spec.nodeName': (o) => str((o.spec as Record<string, unknown> | undefined)?.nodeName),
    'status.phase': (o) => str((o.status as Record<string, unknown> | undefined)?.phase),
    'status.podIP': (o) => str((o.status as Record<string, unknown> | undefined)?.podIP),
  },
  secrets: {
    type: (o) => str(o.type),
  },
  events: {
    'involvedObject.kind': (o) => str((o.involvedObject as Record<string, unknown> | undefined)?.kind),
    'involvedObject.name': (o) => str((o.involvedObject as Record<string, unknown> | undefined)?.name),
    'involvedObject.namespace': (o) => str((o.involvedObject as Record<string, unknown> | undefined)?.namespace),
    'involvedObject.uid': (o) => str((o.involvedObject as Record<string, unknown> | undefined)?.uid),
    reason: (o) => str(o.reason),
    type: (o) => str(o.type),
  },
};

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function accessor(resource: ResourceType, field: string): ((o: KubeObject) => string | undefined) | undefined {
  if (field === 'metadata.name') return (o) => o.metadata.name;
  if (field === 'metadata.namespace') return (o) => o.metadata.namespace ?? '';
  return EXTRA_FIELDS[resource.name]?.[field];
}

export function parseFieldSelector(resource: ResourceType, text: string): FieldRequirement[] {
  const out: FieldRequirement[] = [];
  for (const raw of text.split(',')) {
    const term = raw.trim();
    if (!term) continue;
    const match = /^([^!=]+)(!=|==|=)(.*)$/.exec(term);
    if (!match) throw badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
    const field = (match[1] ?? '').trim();
    if (!accessor(resource, field)) {
      throw badRequest(`field label not supported: ${field}`);
    }
    out.push({ field, value: (match[3] ?? '').trim(), equal: match[2] !== '!=' });
  }
  return out;
}

export function matchesFields(resource: ResourceType, requirements: FieldRequirement[], object: KubeObject): boolean {
  return requirements.every((r) => {
    const value = accessor(resource, r.field)?.(object) ?? '';
    return r.equal ? value === r.value : value !== r.value;
  });
}
