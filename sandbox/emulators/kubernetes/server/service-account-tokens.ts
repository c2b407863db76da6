// The TokenRequest subresource of ServiceAccounts (`kubectl create token`): a bearer token for the account, signed as
// kube-apiserver signs them (an RS256 JWT with the kubernetes.io claims), an hour by default and at least ten minutes,
// optionally bound to a Pod, Secret or Node of the namespace. The sandbox's API server takes any token, so the token is
// for reading (jwt.io), not a credential to keep secret.

import { createHash, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../clock';
import { ApiError, badRequest, invalid, invalidValue, methodNotAllowed, type StatusCause } from '../api/errors';
import type { Registry } from '../api/registry';
import { requireResource, type ResourceType } from '../api/resources';
import { rfc3339 } from '../api/time';
import { isRecord, type KubeObject } from '../api/types';
import { readRequestObject } from './request-object';
import { sendObject } from './respond';

export const TOKEN_ISSUER = 'https://kubernetes.default.svc.cluster.local';
const DEFAULT_EXPIRATION_SECONDS = 3600;
const MIN_EXPIRATION_SECONDS = 600;
const MAX_EXPIRATION_SECONDS = 2 ** 32;

const TOKEN_REQUEST: ResourceType = { group: 'authentication.k8s.io', version: 'v1', name: 'tokenrequests', singular: 'tokenrequest', kind: 'TokenRequest', namespaced: true };
/** The kinds a token can be bound to: its claim name and resource. */
const BINDABLE: Record<string, { claim: string; resource: () => ResourceType; namespaced: boolean }> = {
  Pod: { claim: 'pod', resource: () => requireResource('', 'pods'), namespaced: true },
  Secret: { claim: 'secret', resource: () => requireResource('', 'secrets'), namespaced: true },
  Node: { claim: 'node', resource: () => requireResource('', 'nodes'), namespaced: false },
};

type Obj = Record<string, unknown>;
const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export class ServiceAccountTokens {
  private key: { privateKey: KeyObject; kid: string } | null = null;

  constructor(
    private readonly registry: Registry,
    private readonly clock: Clock,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse, namespace: string, name: string): Promise<void> {
    if (req.method !== 'POST') throw methodNotAllowed();
    const request = await this.body(req);
    const account = this.registry.get(requireResource('', 'serviceaccounts'), namespace, name);
    sendObject(res, 201, this.issue(request, account), req.headers.accept);
  }

  /** The TokenRequest answered: spec defaulted, status carrying the signed token and its expiry. */
  issue(request: KubeObject, account: KubeObject): KubeObject {
    const name = account.metadata.name ?? '';
    const namespace = account.metadata.namespace ?? '';
    const spec: Obj = { ...(isRecord(request.spec) ? request.spec : {}) };
    const audiences = Array.isArray(spec.audiences) && spec.audiences.length ? spec.audiences.map(String) : [TOKEN_ISSUER];
    const seconds = typeof spec.expirationSeconds === 'number' && spec.expirationSeconds !== 0 ? spec.expirationSeconds : DEFAULT_EXPIRATION_SECONDS;
    const causes: StatusCause[] = [];
    if (request.metadata?.name && request.metadata.name !== name) causes.push(invalidValue('metadata.name', request.metadata.name, 'must match the service account name if specified'));
    if (seconds < MIN_EXPIRATION_SECONDS) causes.push(invalidValue('spec.expirationSeconds', seconds, 'may not specify a duration less than 10 minutes'));
    if (seconds > MAX_EXPIRATION_SECONDS) causes.push(invalidValue('spec.expirationSeconds', seconds, 'may not specify a duration larger than 2^32 seconds'));
    if (causes.length) throw invalid(TOKEN_REQUEST, name, causes);
    const now = Math.floor(this.clock.now() / 1000);
    const claims: Obj = {
      aud: audiences,
      exp: now + seconds,
      iat: now,
      iss: TOKEN_ISSUER,
      jti: randomUUID(),
      'kubernetes.io': { namespace, ...this.boundClaims(spec.boundObjectRef, namespace, name), serviceaccount: { name, uid: account.metadata.uid } },
      nbf: now,
      sub: `system:serviceaccount:${namespace}:${name}`,
    };
    return {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      metadata: { name, namespace, creationTimestamp: null },
      spec: { ...spec, audiences, expirationSeconds: seconds },
      status: { token: this.sign(claims), expirationTimestamp: rfc3339((now + seconds) * 1000) },
    } as unknown as KubeObject;
  }

  private boundClaims(ref: unknown, namespace: string, account: string): Obj {
    if (!isRecord(ref)) return {};
    const kind = String(ref.kind ?? '');
    const apiVersion = String(ref.apiVersion ?? '');
    const bindable = apiVersion === 'v1' ? BINDABLE[kind] : undefined;
    if (!bindable) {
      const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
      throw badRequest(`cannot bind token for object of type ${group}/${version}, Kind=${kind}`);
    }
    const target = this.registry.get(bindable.resource(), bindable.namespaced ? namespace : undefined, String(ref.name ?? ''));
    if (kind === 'Pod' && (isRecord(target.spec) ? target.spec.serviceAccountName : undefined) !== account) {
      throw badRequest(`cannot bind token for serviceaccount "${account}" to pod running with different serviceaccount name.`);
    }
    if (ref.uid && ref.uid !== target.metadata.uid) {
      throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${kind} "${String(ref.name)}": the UID in the bound object reference (${String(ref.uid)}) does not match the UID in record. The object might have been deleted and then recreated`, { name: String(ref.name), kind });
    }
    const claims: Obj = { [bindable.claim]: { name: target.metadata.name, uid: target.metadata.uid } };
    const nodeName = kind === 'Pod' && isRecord(target.spec) ? target.spec.nodeName : undefined;
    const node = typeof nodeName === 'string' ? this.registry.store.get(requireResource('', 'nodes'), undefined, nodeName) : undefined;
    if (node) claims.node = { name: node.metadata.name, uid: node.metadata.uid };
    return claims;
  }

  /** An RS256 JWT; the key is made on the first request (the service account signing key of this cluster). */
  private sign(claims: Obj): string {
    if (!this.key) {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      this.key = { privateKey, kid: base64url(createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest()) };
    }
    const signed = `${base64url(JSON.stringify({ alg: 'RS256', kid: this.key.kid }))}.${base64url(JSON.stringify(claims))}`;
    return `${signed}.${base64url(sign('sha256', Buffer.from(signed), this.key.privateKey))}`;
  }

  private async body(req: IncomingMessage): Promise<KubeObject> {
    const { object } = await readRequestObject(req);
    if (!isRecord(object) || (object.kind !== undefined && object.kind !== 'TokenRequest')) throw badRequest('the body of the request was not a TokenRequest');
    const metadata = isRecord(object.metadata) ? object.metadata : {};
    return { ...object, metadata } as KubeObject;
  }
}
