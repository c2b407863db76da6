// Applies a PATCH body of any supported content type to the current object.

import { parse as parseYaml } from 'yaml';
import { badRequest, patchRejected, unsupportedMediaType } from '../api/errors';
import type { ResourceType } from '../api/resources';
import type { KubeObject } from '../api/types';
import { applyJsonPatch, decodeJsonPatch, JsonPatchError } from './json-patch';
import { mergePatch } from './merge-patch';
import { strategicMergePatch } from './strategic-merge';

export const PATCH_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

export type PatchType = keyof typeof PATCH_TYPES;

export function patchTypeOf(contentType: string | undefined, resource: ResourceType): PatchType {
  const media = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const accepted = resource.custom
    ? [PATCH_TYPES.json, PATCH_TYPES.merge, PATCH_TYPES.apply]
    : [PATCH_TYPES.json, PATCH_TYPES.merge, PATCH_TYPES.strategic, PATCH_TYPES.apply];
  const found = (Object.keys(PATCH_TYPES) as PatchType[]).find((t) => PATCH_TYPES[t] === media);
  if (!found || !accepted.includes(PATCH_TYPES[found])) throw unsupportedMediaType(accepted);
  return found;
}

export function decodePatchBody(type: PatchType, text: string): unknown {
  try {
    return type === 'apply' ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw badRequest(`error decoding patch: ${(error as Error).message}`);
  }
}

/** The patched object (not yet validated or stored). */
export function applyPatch(type: PatchType, resource: ResourceType, current: KubeObject, patch: unknown): KubeObject {
  switch (type) {
    case 'json':
      try {
        return applyJsonPatch(current, decodeJsonPatch(patch)) as KubeObject;
      } catch (error) {
        if (error instanceof JsonPatchError && error.malformed) throw badRequest(error.message);
        throw patchRejected();
      }
    case 'merge':
      return mergePatch(current, patch) as KubeObject;
    case 'strategic':
    case 'apply':
      // Server-side apply is approximated by a strategic merge (built-ins) or a merge patch (custom resources).
      return (resource.custom ? mergePatch(current, patch) : strategicMergePatch(resource.kind, current, patch)) as KubeObject;
  }
}
