// A namespace's end as kube-apiserver does it: DELETE marks it Terminating (deletionTimestamp, phase), nothing new
// may be created in it, and the namespace controller (controllers/namespace.ts) empties it and then removes it.

import { ApiError } from './errors';
import { requireResource } from './resources';
import type { ObjectStore } from './store';
import { rfc3339 } from './time';
import { clone, isRecord, type KubeObject } from './types';

const NAMESPACES = requireResource('', 'namespaces');
/** Namespaces the real API server refuses to delete. */
const UNDELETABLE = new Set(['default', 'kube-system', 'kube-public']);

/** Marks a namespace Terminating and returns it; the namespace controller finishes the job. */
export function beginNamespaceDeletion(store: ObjectStore, now: number, current: KubeObject): KubeObject {
  const name = current.metadata.name ?? '';
  if (UNDELETABLE.has(name)) {
    throw new ApiError(403, 'Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`, { name, kind: 'namespaces' });
  }
  if (current.metadata.deletionTimestamp) return current;
  const next = clone(current);
  next.metadata.deletionTimestamp = rfc3339(now);
  next.metadata.deletionGracePeriodSeconds = 0;
  next.status = { ...(isRecord(next.status) ? next.status : {}), phase: 'Terminating' };
  return store.update(NAMESPACES, next);
}

/** Refuses new objects in a namespace that is being deleted, with the real server's words. */
export function assertNamespaceOpen(store: ObjectStore, namespace: string, resource: string, name: string): void {
  const ns = store.get(NAMESPACES, undefined, namespace);
  if (ns?.metadata.deletionTimestamp) {
    throw new ApiError(403, 'Forbidden', `${resource} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`, {
      name,
      kind: resource,
      causes: [{ reason: 'NamespaceTerminating', message: `namespace ${namespace} is being terminated`, field: 'metadata.namespace' }],
    });
  }
}
