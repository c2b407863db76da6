// The writes a release makes, each with the patch type the API server expects for that object.

import { PatchStrategy, setHeaderOptions, type V1Deployment } from '@kubernetes/client-node';
import type { JsonPatchOp } from './json-patch';
import type { CustomResource, KubeClients } from './kube-clients';

const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const strategic = setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch);

export class KubeWrites {
  constructor(
    private readonly clients: KubeClients,
    readonly namespace: string,
  ) {}

  readDeployment(name: string): Promise<V1Deployment> {
    return this.clients.apps.readNamespacedDeployment({ name, namespace: this.namespace });
  }

  scale(name: string, replicas: number): Promise<unknown> {
    return this.clients.apps.patchNamespacedDeploymentScale({ name, namespace: this.namespace, body: { spec: { replicas } } }, merge);
  }

  /** `kubectl rollout pause` / `resume`: {"spec":{"paused":true}} or {"spec":{"paused":null}}. */
  setPaused(name: string, paused: boolean): Promise<V1Deployment> {
    return this.clients.apps.patchNamespacedDeployment({ name, namespace: this.namespace, body: { spec: { paused: paused ? true : null } } }, strategic);
  }

  patchDeploymentJson(name: string, ops: JsonPatchOp[]): Promise<V1Deployment> {
    return this.clients.apps.patchNamespacedDeployment({ name, namespace: this.namespace, body: ops });
  }

  /** Blue → green: merges one selector key, so the Service keeps its other keys (app …). */
  switchSelector(service: string, key: string, version: string): Promise<unknown> {
    return this.clients.core.patchNamespacedService({ name: service, namespace: this.namespace, body: { spec: { selector: { [key]: version } } } }, strategic);
  }

  getCustom(resource: CustomResource, name: string): Promise<unknown> {
    return this.clients.custom.getNamespacedCustomObject({ ...resource, namespace: this.namespace, name });
  }

  /** JSON patch on a custom resource (strategic merge is refused with 415 there). */
  patchCustomJson(resource: CustomResource, name: string, ops: JsonPatchOp[]): Promise<unknown> {
    return this.clients.custom.patchNamespacedCustomObject({ ...resource, namespace: this.namespace, name, body: ops });
  }

  patchCustomMerge(resource: CustomResource, name: string, body: object, status: boolean): Promise<unknown> {
    const request = { ...resource, namespace: this.namespace, name, body };
    return status ? this.clients.custom.patchNamespacedCustomObjectStatus(request, merge) : this.clients.custom.patchNamespacedCustomObject(request, merge);
  }
}
