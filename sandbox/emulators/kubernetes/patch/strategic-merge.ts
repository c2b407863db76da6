// Strategic merge patch for built-in kinds: lists merge by their patch merge key, with the $patch,
// $setElementOrder, $retainKeys and $deleteFromPrimitiveList directives.

import { clone, isRecord } from '../api/types';

const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  imagePullSecrets: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  conditions: 'type',
  ownerReferences: 'uid',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
};

/** Primitive lists whose patch strategy is "merge" (set union) rather than replace. */
const MERGED_PRIMITIVE_LISTS = new Set(['finalizers']);

export function mergeKeyFor(kind: string, path: string[], field: string): string | undefined {
  if (field === 'ports') return kind === 'Service' && path.length === 1 && path[0] === 'spec' ? 'port' : 'containerPort';
  return MERGE_KEYS[field];
}

export function strategicMergePatch(kind: string, target: unknown, patch: unknown): unknown {
  const result = mergeMap(kind, target, patch, []);
  return result === DELETE ? {} : result;
}

const DELETE = Symbol('delete');

function mergeMap(kind: string, target: unknown, patch: unknown, path: string[]): unknown {
  if (!isRecord(patch)) return clone(patch);
  if (patch.$patch === 'replace') return stripDirectives(kind, withoutKey(patch, '$patch'), path);
  if (patch.$patch === 'delete') return DELETE;
  const result: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  const orders: Record<string, unknown[]> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys') continue;
    if (k.startsWith('$setElementOrder/')) {
      if (Array.isArray(v)) orders[k.slice('$setElementOrder/'.length)] = v;
      continue;
    }
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      const drop = Array.isArray(v) ? v : [];
      const current = result[field];
      if (Array.isArray(current)) result[field] = current.filter((x) => !drop.includes(x));
      continue;
    }
    if (v === null) {
      delete result[k];
      continue;
    }
    if (Array.isArray(v)) {
      const key = mergeKeyFor(kind, path, k);
      const current = result[k];
      if (key) result[k] = mergeList(kind, Array.isArray(current) ? current : [], v, key, [...path, k]);
      else if (MERGED_PRIMITIVE_LISTS.has(k)) result[k] = [...new Set([...(Array.isArray(current) ? current : []), ...v])];
      else result[k] = v.map((item) => stripDirectives(kind, item, [...path, k]));
      continue;
    }
    if (isRecord(v)) {
      const merged = mergeMap(kind, result[k], v, [...path, k]);
      if (merged === DELETE) delete result[k];
      else result[k] = merged;
      continue;
    }
    result[k] = v;
  }
  for (const [field, order] of Object.entries(orders)) {
    const list = result[field];
    const key = mergeKeyFor(kind, path, field);
    if (Array.isArray(list)) result[field] = applyOrder(list, order, key);
  }
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set(patch.$retainKeys.filter((x): x is string => typeof x === 'string'));
    for (const k of Object.keys(result)) if (!keep.has(k)) delete result[k];
  }
  return result;
}

function mergeList(kind: string, current: unknown[], patch: unknown[], key: string, path: string[]): unknown[] {
  if (patch.some((item) => isRecord(item) && item.$patch === 'replace' && !(key in item))) {
    return patch.filter((item) => !(isRecord(item) && item.$patch === 'replace')).map((item) => stripDirectives(kind, item, path));
  }
  const result = [...current];
  for (const item of patch) {
    if (!isRecord(item) || !(key in item)) {
      result.push(stripDirectives(kind, item, path));
      continue;
    }
    const index = result.findIndex((existing) => isRecord(existing) && existing[key] === item[key]);
    if (item.$patch === 'delete') {
      if (index >= 0) result.splice(index, 1);
      continue;
    }
    if (index >= 0) {
      const merged = mergeMap(kind, result[index], item, path);
      if (merged === DELETE) result.splice(index, 1);
      else result[index] = merged;
    } else result.push(stripDirectives(kind, item, path));
  }
  return result;
}

function applyOrder(list: unknown[], order: unknown[], key: string | undefined): unknown[] {
  const identity = (item: unknown) => (key && isRecord(item) ? item[key] : item);
  const wanted = order.map(identity);
  const rank = (item: unknown) => {
    const i = wanted.indexOf(identity(item));
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return list
    .map((item, i) => ({ item, i }))
    .sort((a, b) => rank(a.item) - rank(b.item) || a.i - b.i)
    .map(({ item }) => item);
}

function stripDirectives(kind: string, value: unknown, path: string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => stripDirectives(kind, v, path));
  if (!isRecord(value)) return clone(value);
  const merged = mergeMap(kind, {}, value, path);
  return merged === DELETE ? {} : merged;
}

function withoutKey(value: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...value };
  delete copy[key];
  return copy;
}
