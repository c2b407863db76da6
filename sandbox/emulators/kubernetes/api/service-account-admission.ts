// The ServiceAccount admission plugin's refusal: a pod naming an account its namespace does not have is forbidden.
// The `default` account is let through, as the real plugin waits for the controller that makes it (namespace-defaults).

import { ApiError } from './errors';
import { requireResource } from './resources';
import type { ObjectStore } from './store';
import { isRecord, type KubeObject } from './types';

/** `shownName`: the pod's name, or its generateName prefix while the name is still to be made (as the real error shows). */
export function admitPodServiceAccount(store: ObjectStore, pod: KubeObject, shownName: string): void {
  const spec = isRecord(pod.spec) ? pod.spec : {};
  const account = typeof spec.serviceAccountName === 'string' ? spec.serviceAccountName : 'default';
  const namespace = pod.metadata.namespace ?? '';
  if (account === 'default' || store.get(requireResource('', 'serviceaccounts'), namespace, account)) return;
  throw new ApiError(403, 'Forbidden', `pods "${shownName}" is forbidden: error looking up service account ${namespace}/${account}: serviceaccount "${account}" not found`, {
    name: shownName,
    kind: 'pods',
  });
}
