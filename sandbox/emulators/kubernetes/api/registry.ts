// The API semantics above the store: create / update / patch / delete with preconditions, defaulting,
// validation, the status and scale subresources, graceful pod deletion and owner-reference garbage collection.

import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock';
import { applyPatch, type PatchType } from '../patch/apply';
import { applyDefaults, initialStatus } from './defaults';
import { assertNamespaceOpen, beginNamespaceDeletion } from './namespace-lifecycle';
import { defaultIngressClassName } from './networking-defaults';
import { admitPodServiceAccount } from './service-account-admission';
import { alreadyExists, ApiError, badRequest, conflict, invalid, notFound, type StatusBody } from './errors';
import { groupVersion, RESOURCES, requireResource, type ResourceType } from './resources';
import { fromScale, toScale } from './scale';
import type { ObjectStore } from './store';
import { rfc3339 } from './time';
import { clone, dropNulls, isRecord, type KubeObject } from './types';
import { validateObject } from './validation';

export type Subresource = '' | 'status' | 'scale';

export interface WriteRequest {
  resource: ResourceType;
  namespace?: string;
  subresource?: Subresource;
  dryRun?: boolean;
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  dryRun?: boolean;
}

const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

export class Registry {
  private nextClusterIp = 0;

  constructor(
    readonly store: ObjectStore,
    private readonly clock: Clock,
  ) {}

  get(resource: ResourceType, namespace: string | undefined, name: string, subresource: Subresource = ''): KubeObject {
    const found = this.store.get(resource, namespace, name);
    if (!found) throw notFound(resource, name);
    return subresource === 'scale' ? toScale(found) : this.withType(resource, found);
  }

  withType(resource: ResourceType, o: KubeObject, version = resource.version): KubeObject {
    const { apiVersion: _apiVersion, kind: _kind, ...rest } = o;
    return { apiVersion: groupVersion(resource, version), kind: resource.kind, ...rest } as KubeObject;
  }

  create(request: WriteRequest, body: unknown): KubeObject {
    const { resource } = request;
    if (!isRecord(body)) throw badRequest('the body of the request was not a JSON object');
    const input = dropNulls(clone(body)) as KubeObject;
    input.metadata = isRecord(input.metadata) ? input.metadata : {};
    const namespace = resource.namespaced ? request.namespace : undefined;
    if (resource.namespaced) {
      if (input.metadata.namespace && input.metadata.namespace !== namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      input.metadata.namespace = namespace;
      if (!this.store.get(requireResource('', 'namespaces'), undefined, namespace ?? '')) {
        throw new ApiError(404, 'NotFound', `namespaces "${namespace}" not found`, { name: namespace ?? '', kind: 'namespaces' });
      }
    }
    const requestedName = input.metadata.name || input.metadata.generateName || '';
    if (!input.metadata.name && input.metadata.generateName) input.metadata.name = this.generateName(resource, namespace, input.metadata.generateName);
    if (namespace !== undefined && !request.dryRun) assertNamespaceOpen(this.store, namespace, resource.name, input.metadata.name ?? '');
    const object = this.withType(resource, input);
    delete object.metadata.resourceVersion;
    object.metadata.uid = randomUUID();
    delete object.metadata.deletionTimestamp;
    if (resource.status) {
      const status = initialStatus(resource.kind);
      if (status === undefined) delete object.status;
      else object.status = status;
    }
    applyDefaults(resource.kind, object, this.allocators());
    if (resource.kind === 'Pod') admitPodServiceAccount(this.store, object, requestedName);
    const causes = validateObject(resource.kind, object);
    if (causes.length) throw invalid(resource, object.metadata.name ?? '', causes);
    if (this.store.get(resource, namespace, object.metadata.name ?? '')) throw alreadyExists(resource, object.metadata.name ?? '');
    if (request.dryRun) return object;
    return this.withType(resource, this.store.create(resource, object));
  }

  update(request: WriteRequest & { name: string }, body: unknown): { object: KubeObject; created: boolean } {
    const { resource, name } = request;
    if (!isRecord(body)) throw badRequest('the body of the request was not a JSON object');
    const input = clone(body) as KubeObject;
    input.metadata = isRecord(input.metadata) ? input.metadata : {};
    if (input.metadata.name && input.metadata.name !== name) {
      throw badRequest(`the name of the object (${input.metadata.name}) does not match the name on the URL (${name})`);
    }
    input.metadata.name = name;
    const current = this.store.get(resource, request.namespace, name);
    if (!current) {
      if (resource.createOnUpdate && !request.subresource) return { object: this.create(request, input), created: true };
      throw notFound(resource, name);
    }
    return { object: this.replace(request, current, input), created: false };
  }

  patch(request: WriteRequest & { name: string }, type: PatchType, patch: unknown): { object: KubeObject; created: boolean } {
    const { resource, name } = request;
    const current = this.store.get(resource, request.namespace, name);
    if (!current) {
      if (type === 'apply' && !request.subresource) {
        return { object: this.create(request, { ...(isRecord(patch) ? patch : {}), metadata: { ...((isRecord(patch) && isRecord(patch.metadata) ? patch.metadata : {}) as object), name } }), created: true };
      }
      throw notFound(resource, name);
    }
    const subject = request.subresource === 'scale' ? toScale(current) : this.withType(resource, current);
    const patched = applyPatch(type, resource, subject, patch);
    if (!isRecord(patched) || !isRecord(patched.metadata)) throw badRequest('the patched object is not a Kubernetes object');
    const rv = patched.metadata.resourceVersion;
    if (rv !== undefined && rv !== current.metadata.resourceVersion) throw conflict(resource, name);
    patched.metadata.resourceVersion = current.metadata.resourceVersion;
    return { object: this.replace(request, current, patched), created: false };
  }

  delete(resource: ResourceType, namespace: string | undefined, name: string, options: DeleteOptions = {}): KubeObject | StatusBody {
    const current = this.store.get(resource, namespace, name);
    if (!current) throw notFound(resource, name);
    if (options.dryRun) return this.deletedResponse(resource, current);
    if (resource.kind === 'Namespace') return this.withType(resource, beginNamespaceDeletion(this.store, this.clock.now(), current));
    if (resource.kind === 'Pod' && this.isScheduled(current) && options.gracePeriodSeconds !== 0) {
      if (current.metadata.deletionTimestamp) return this.withType(resource, current);
      const grace = options.gracePeriodSeconds ?? (isRecord(current.spec) && typeof current.spec.terminationGracePeriodSeconds === 'number' ? current.spec.terminationGracePeriodSeconds : 30);
      current.metadata.deletionTimestamp = rfc3339(this.clock.now() + grace * 1000);
      current.metadata.deletionGracePeriodSeconds = grace;
      return this.withType(resource, this.store.update(resource, current));
    }
    const removed = this.store.remove(resource, namespace, name);
    if (!removed) throw notFound(resource, name);
    this.collectDependents(removed, options.propagationPolicy ?? 'Background');
    if (resource.kind === 'Namespace') this.deleteNamespaceContents(name);
    return this.deletedResponse(resource, removed);
  }

  /** Removes a terminating pod for good (the kubelet's last word). */
  finalizeDelete(resource: ResourceType, namespace: string | undefined, name: string): void {
    const removed = this.store.remove(resource, namespace, name);
    if (removed) this.collectDependents(removed, 'Background');
  }

  private replace(request: WriteRequest & { name: string }, current: KubeObject, input: KubeObject): KubeObject {
    const { resource, name } = request;
    const rv = input.metadata.resourceVersion;
    if (rv !== undefined && rv !== '' && rv !== current.metadata.resourceVersion) throw conflict(resource, name);
    if ((rv === undefined || rv === '') && resource.custom) {
      throw invalid(resource, name, [{ reason: 'FieldValueInvalid', message: 'metadata.resourceVersion: Invalid value: 0x0: must be specified for an update', field: 'metadata.resourceVersion' }]);
    }
    input = dropNulls(input);
    let next: KubeObject;
    if (request.subresource === 'scale') next = fromScale(current, input);
    else if (request.subresource === 'status') next = { ...current, status: input.status };
    else {
      next = this.withType(resource, input);
      next.metadata = { ...input.metadata, uid: current.metadata.uid, creationTimestamp: current.metadata.creationTimestamp };
      if (current.metadata.deletionTimestamp) next.metadata.deletionTimestamp = current.metadata.deletionTimestamp;
      if (current.metadata.deletionGracePeriodSeconds !== undefined) next.metadata.deletionGracePeriodSeconds = current.metadata.deletionGracePeriodSeconds;
      if (resource.status) {
        if (current.status === undefined) delete next.status;
        else next.status = current.status;
      }
    }
    if (resource.namespaced) next.metadata.namespace = current.metadata.namespace;
    next.metadata.resourceVersion = current.metadata.resourceVersion;
    applyDefaults(resource.kind, next, this.allocators(), current);
    const causes = validateObject(resource.kind, next, current);
    if (causes.length) throw invalid(resource, name, causes);
    if (request.dryRun) return next;
    const stored = this.store.update(resource, next);
    return request.subresource === 'scale' ? toScale(stored) : this.withType(resource, stored);
  }

  private deletedResponse(resource: ResourceType, removed: KubeObject): KubeObject | StatusBody {
    if (resource.custom || resource.kind === 'Pod') return this.withType(resource, removed);
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name: removed.metadata.name ?? '', ...(resource.group ? { group: resource.group } : {}), kind: resource.name, uid: removed.metadata.uid ?? '' },
      code: 200,
    };
  }

  private collectDependents(owner: KubeObject, policy: DeleteOptions['propagationPolicy']): void {
    const uid = owner.metadata.uid;
    for (const resource of RESOURCES) {
      for (const dependent of this.store.list(resource, owner.metadata.namespace)) {
        const refs = dependent.metadata.ownerReferences ?? [];
        if (!refs.some((r) => r.uid === uid)) continue;
        if (policy === 'Orphan') {
          dependent.metadata.ownerReferences = refs.filter((r) => r.uid !== uid);
          this.store.update(resource, dependent);
        } else {
          try {
            this.delete(resource, dependent.metadata.namespace, dependent.metadata.name ?? '', { propagationPolicy: policy });
          } catch (error) {
            if (!(error instanceof ApiError && error.code === 404)) throw error;
          }
        }
      }
    }
  }

  private deleteNamespaceContents(namespace: string): void {
    for (const resource of RESOURCES.filter((r) => r.namespaced)) {
      for (const o of this.store.list(resource, namespace)) this.store.remove(resource, namespace, o.metadata.name ?? '');
    }
  }

  private isScheduled(pod: KubeObject): boolean {
    return isRecord(pod.spec) && typeof pod.spec.nodeName === 'string' && pod.spec.nodeName !== '';
  }

  private generateName(resource: ResourceType, namespace: string | undefined, base: string): string {
    const prefix = base.slice(0, 58);
    for (;;) {
      let suffix = '';
      for (let i = 0; i < 5; i++) suffix += NAME_CHARS[Math.floor(Math.random() * NAME_CHARS.length)];
      if (!this.store.get(resource, namespace, prefix + suffix)) return prefix + suffix;
    }
  }

  private allocators() {
    return { allocateClusterIp: () => this.allocateClusterIp(), allocateNodePort: () => this.allocateNodePort(), defaultIngressClass: () => defaultIngressClassName(this.store) };
  }

  /** A free port of the NodePort range, 30000–32767, picked at random as the real allocator does. */
  private allocateNodePort(): number {
    const used = new Set(this.store.scan(requireResource('', 'services')).flatMap((s) => (isRecord(s.spec) && Array.isArray(s.spec.ports) ? s.spec.ports.map((p) => (isRecord(p) ? p.nodePort : undefined)) : [])));
    for (;;) {
      const port = 30000 + Math.floor(Math.random() * 2768);
      if (!used.has(port)) return port;
    }
  }

  private allocateClusterIp(): string {
    const n = this.nextClusterIp++;
    return `10.96.${Math.floor(n / 250)}.${(n % 250) + 1}`;
  }
}
