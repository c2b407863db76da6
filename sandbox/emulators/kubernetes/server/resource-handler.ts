// The verbs on a resource path: get, list, watch, create, update, patch, delete, deletecollection.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../clock';
import { answerReview } from '../api/access-review';
import { convertIn, convertOut } from '../api/conversion';
import { ApiError, badRequest, methodNotAllowed } from '../api/errors';
import { matchesFields, parseFieldSelector } from '../api/field-selector';
import { matchesRequirements, parseLabelSelector } from '../api/label-selector';
import type { Registry, DeleteOptions } from '../api/registry';
import { groupVersion } from '../api/resources';
import { isRecord, type KubeObject } from '../api/types';
import { serveWatch } from '../api/watch';
import { decodePatchBody, patchTypeOf } from '../patch/apply';
import { tableRequested, toTable, type IncludeObject } from '../printers/table';
import { queryBool } from './query';
import type { ResourcePath } from './request-path';
import { readRequestObject } from './request-object';
import { readBody, sendJson, sendObject } from './respond';

export class ResourceHandler {
  constructor(
    private readonly registry: Registry,
    private readonly clock: Clock,
    private readonly watchHeartbeatMs?: number,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse, path: ResourcePath, query: URLSearchParams): Promise<void> {
    const method = req.method ?? 'GET';
    const { resource } = path;
    const request = { resource, ...(path.namespace !== undefined ? { namespace: path.namespace } : {}), subresource: path.subresource, dryRun: query.get('dryRun') === 'All' };
    if (resource.review) {
      if (method !== 'POST' || path.name !== undefined) throw methodNotAllowed();
      const body = this.registry.withType(resource, (await this.jsonBody(req, path)) as KubeObject);
      return this.send(req, res, path, 201, answerReview(resource, body, this.clock.now()));
    }
    if (path.name === undefined) {
      if (path.subresource) throw methodNotAllowed();
      if (method === 'GET') return this.listOrWatch(req, res, path, query);
      if (method === 'POST') return this.send(req, res, path, 201, this.registry.create(request, await this.jsonBody(req, path)));
      if (method === 'DELETE') return this.deleteCollection(res, path, query);
      throw methodNotAllowed();
    }
    const name = path.name;
    switch (method) {
      case 'GET':
        return this.send(req, res, path, 200, this.registry.get(resource, path.namespace, name, path.subresource));
      case 'PUT': {
        const result = this.registry.update({ ...request, name }, await this.jsonBody(req, path));
        return this.send(req, res, path, result.created ? 201 : 200, result.object);
      }
      case 'PATCH': {
        const type = patchTypeOf(req.headers['content-type'], resource);
        if (type === 'apply' && !query.get('fieldManager')) {
          throw new ApiError(422, 'Invalid', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
        }
        const body = decodePatchBody(type, await readBody(req));
        const result = this.registry.patch({ ...request, name }, type, body);
        return this.send(req, res, path, result.created ? 201 : 200, result.object);
      }
      case 'DELETE': {
        const options = await this.deleteOptions(req, query);
        const result = this.registry.delete(resource, path.namespace, name, options);
        return sendJson(res, 200, result);
      }
      default:
        throw methodNotAllowed();
    }
  }

  private send(req: IncomingMessage, res: ServerResponse, path: ResourcePath, code: number, object: KubeObject): void {
    const version = tableRequested(req.headers.accept);
    const typed = this.versioned(path, object);
    if (version && path.subresource === '') {
      const table = toTable([typed], { kind: path.resource.kind, now: this.clock.now(), includeObject: 'Metadata', version, resourceVersion: typed.metadata.resourceVersion });
      return sendJson(res, code, table, `application/json;as=Table;v=${version};g=meta.k8s.io`);
    }
    sendObject(res, code, typed, req.headers.accept);
  }

  private versioned(path: ResourcePath, object: KubeObject): KubeObject {
    if (object.kind === 'Scale' || path.version === path.resource.version) return object;
    return { ...convertOut(path.resource, path.version, object), apiVersion: groupVersion(path.resource, path.version) };
  }

  private matcher(path: ResourcePath, query: URLSearchParams): (o: KubeObject) => boolean {
    const labels = parseLabelSelector(query.get('labelSelector') ?? '');
    const fields = parseFieldSelector(path.resource, query.get('fieldSelector') ?? '');
    return (o) =>
      (!path.namespace || !path.resource.namespaced || o.metadata.namespace === path.namespace) &&
      matchesRequirements(labels, o.metadata.labels) &&
      matchesFields(path.resource, fields, o);
  }

  private listOrWatch(req: IncomingMessage, res: ServerResponse, path: ResourcePath, query: URLSearchParams): void {
    const matches = this.matcher(path, query);
    const table = tableRequested(req.headers.accept);
    const include = (query.get('includeObject') ?? 'Metadata') as IncludeObject;
    const { resource } = path;
    const typed = (o: KubeObject) => this.versioned(path, this.registry.withType(resource, o));
    if (queryBool(query, 'watch')) {
      const timeout = query.get('timeoutSeconds');
      return serveWatch(this.registry.store, res, {
        resource,
        matches,
        encode: (o, type) => {
          if (type === 'BOOKMARK') return { kind: table ? 'Table' : resource.kind, apiVersion: table ? `meta.k8s.io/${table}` : groupVersion(resource, path.version) };
          return table ? toTable([typed(o)], { kind: resource.kind, now: this.clock.now(), includeObject: include, version: table }) : typed(o);
        },
        ...(query.has('resourceVersion') ? { resourceVersion: query.get('resourceVersion') ?? '' } : {}),
        allowBookmarks: queryBool(query, 'allowWatchBookmarks'),
        sendInitialEvents: queryBool(query, 'sendInitialEvents'),
        ...(this.watchHeartbeatMs !== undefined ? { heartbeatMs: this.watchHeartbeatMs } : {}),
        ...(timeout && /^\d+$/.test(timeout) ? { timeoutSeconds: Number(timeout) } : {}),
      });
    }
    const rv = String(this.registry.store.currentRv());
    const items = this.registry.store.list(resource, path.namespace).filter(matches);
    if (table) {
      return sendJson(res, 200, toTable(items.map(typed), { kind: resource.kind, now: this.clock.now(), includeObject: include, version: table, resourceVersion: rv }), `application/json;as=Table;v=${table};g=meta.k8s.io`);
    }
    const list = {
      kind: `${resource.kind}List`,
      apiVersion: groupVersion(resource, path.version),
      metadata: { resourceVersion: rv },
      items: resource.custom ? items.map(typed) : items.map(({ kind: _kind, apiVersion: _apiVersion, ...rest }) => rest),
    };
    sendObject(res, 200, list, req.headers.accept);
  }

  private async deleteCollection(res: ServerResponse, path: ResourcePath, query: URLSearchParams): Promise<void> {
    const matches = this.matcher(path, query);
    const items = this.registry.store.list(path.resource, path.namespace).filter(matches);
    for (const item of items) this.registry.delete(path.resource, item.metadata.namespace, item.metadata.name ?? '');
    sendJson(res, 200, { kind: `${path.resource.kind}List`, apiVersion: groupVersion(path.resource, path.version), metadata: { resourceVersion: String(this.registry.store.currentRv()) }, items: [] });
  }

  /** The body as the resource's stored version (kubectl create sends built-in kinds as protobuf). */
  private async jsonBody(req: IncomingMessage, path: ResourcePath): Promise<unknown> {
    const { object, protobuf } = await readRequestObject(req);
    if (protobuf) {
      const kind = (object as KubeObject).kind;
      if (kind !== path.resource.kind) throw badRequest(`the body is a ${kind}, the request is about ${path.resource.name}`);
      return convertIn(path.resource, path.version, object);
    }
    try {
      return convertIn(path.resource, path.version, object);
    } catch (error) {
      throw badRequest(`error decoding body: ${(error as Error).message}`);
    }
  }

  private async deleteOptions(req: IncomingMessage, query: URLSearchParams): Promise<DeleteOptions> {
    const text = await readBody(req);
    let body: Record<string, unknown> = {};
    if (text.trim()) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (isRecord(parsed)) body = parsed;
      } catch {
        throw badRequest('error decoding DeleteOptions');
      }
    }
    const grace = query.get('gracePeriodSeconds') ?? body.gracePeriodSeconds;
    const policy = query.get('propagationPolicy') ?? body.propagationPolicy;
    const dryRun = query.get('dryRun') === 'All' || (Array.isArray(body.dryRun) && body.dryRun.includes('All'));
    return {
      ...(grace !== undefined && grace !== null ? { gracePeriodSeconds: Number(grace) } : {}),
      ...(policy === 'Background' || policy === 'Foreground' || policy === 'Orphan' ? { propagationPolicy: policy } : {}),
      dryRun,
    };
  }
}
