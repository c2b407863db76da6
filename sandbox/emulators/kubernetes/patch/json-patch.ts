// RFC 6902 JSON patch: add, remove, replace, move, copy, test over JSON pointers (RFC 6901).

import { clone, isRecord, sameJson } from '../api/types';

export class JsonPatchError extends Error {
  constructor(
    message: string,
    /** Undecodable (400) rather than failed to apply (422). */
    readonly malformed = false,
  ) {
    super(message);
  }
}

export interface JsonPatchOperation {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

export const MAX_OPERATIONS = 10_000;

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new JsonPatchError(`invalid JSON pointer ${JSON.stringify(pointer)}`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = Record<string, unknown> | unknown[];

function walk(doc: unknown, tokens: string[]): unknown {
  let node = doc;
  for (const token of tokens) {
    if (Array.isArray(node)) {
      const index = arrayIndex(token, node.length - 1);
      node = node[index];
    } else if (isRecord(node) && token in node) node = node[token];
    else throw new JsonPatchError(`doc is missing path: /${tokens.join('/')}`);
  }
  return node;
}

function arrayIndex(token: string, max: number): number {
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new JsonPatchError(`invalid array index ${token}`);
  const index = Number(token);
  if (index > max) throw new JsonPatchError(`array index ${token} out of bounds`);
  return index;
}

function parentOf(doc: unknown, tokens: string[]): { parent: Container; last: string } {
  if (tokens.length === 0) throw new JsonPatchError('the root cannot be the target of this operation');
  const parent = walk(doc, tokens.slice(0, -1));
  if (!Array.isArray(parent) && !isRecord(parent)) throw new JsonPatchError(`path /${tokens.join('/')}: parent is not a container`);
  return { parent, last: tokens[tokens.length - 1] ?? '' };
}

function add(doc: unknown, tokens: string[], value: unknown): unknown {
  if (tokens.length === 0) return clone(value);
  const { parent, last } = parentOf(doc, tokens);
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : arrayIndex(last, parent.length);
    parent.splice(index, 0, clone(value));
  } else parent[last] = clone(value);
  return doc;
}

function remove(doc: unknown, tokens: string[]): unknown {
  const { parent, last } = parentOf(doc, tokens);
  if (Array.isArray(parent)) parent.splice(arrayIndex(last, parent.length - 1), 1);
  else {
    if (!(last in parent)) throw new JsonPatchError(`unable to remove nonexistent key: ${last}`);
    delete parent[last];
  }
  return doc;
}

function replace(doc: unknown, tokens: string[], value: unknown): unknown {
  if (tokens.length === 0) return clone(value);
  const { parent, last } = parentOf(doc, tokens);
  if (Array.isArray(parent)) parent[arrayIndex(last, parent.length - 1)] = clone(value);
  // As evanphx/json-patch v4 (the apiserver's): replacing a missing object member adds it.
  else parent[last] = clone(value);
  return doc;
}

export function decodeJsonPatch(body: unknown): JsonPatchOperation[] {
  if (!Array.isArray(body)) throw new JsonPatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch', true);
  if (body.length > MAX_OPERATIONS) throw new JsonPatchError(`the allowed maximum operations in a JSON patch is ${MAX_OPERATIONS}, got ${body.length}`, true);
  return body.map((op) => {
    if (!isRecord(op) || typeof op.op !== 'string' || typeof op.path !== 'string') throw new JsonPatchError('invalid JSON patch operation', true);
    return op as unknown as JsonPatchOperation;
  });
}

export function applyJsonPatch(document: unknown, operations: JsonPatchOperation[]): unknown {
  let doc = clone(document);
  for (const operation of operations) {
    const tokens = parsePointer(operation.path);
    switch (operation.op) {
      case 'add':
        doc = add(doc, tokens, operation.value);
        break;
      case 'remove':
        doc = remove(doc, tokens);
        break;
      case 'replace':
        doc = replace(doc, tokens, operation.value);
        break;
      case 'move': {
        const from = parsePointer(operation.from ?? '');
        const value = walk(doc, from);
        doc = add(remove(doc, from), tokens, value);
        break;
      }
      case 'copy':
        doc = add(doc, tokens, walk(doc, parsePointer(operation.from ?? '')));
        break;
      case 'test':
        if (!sameJson(walk(doc, tokens), operation.value)) throw new JsonPatchError(`testing value ${operation.path} failed`);
        break;
      default:
        throw new JsonPatchError(`unexpected operation ${JSON.stringify(operation.op)}`, true);
    }
  }
  return doc;
}
