// What kube-controller-manager puts in every namespace that is not terminating, and puts back when deleted: the
// kube-root-ca.crt ConfigMap (root-ca.ts) and the `default` ServiceAccount (the serviceaccount controller).

import { R, type ControllerContext } from './context';
import { publishRootCa } from './root-ca';

export const DEFAULT_SERVICE_ACCOUNT = 'default';

/** The serviceaccount controller: a namespace's `default` ServiceAccount exists (no secrets: tokens are requested, not stored). */
function ensureDefaultServiceAccount(ctx: ControllerContext, namespace: string): void {
  if (ctx.store.get(R.serviceaccounts, namespace, DEFAULT_SERVICE_ACCOUNT)) return;
  ctx.store.create(R.serviceaccounts, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace } });
}

export class NamespaceDefaults {
  constructor(private readonly ctx: ControllerContext) {}

  syncAll(): void {
    for (const ns of this.ctx.store.scan(R.namespaces)) {
      if (ns.metadata.deletionTimestamp) continue;
      const name = ns.metadata.name ?? '';
      publishRootCa(this.ctx, name);
      ensureDefaultServiceAccount(this.ctx, name);
    }
  }
}
