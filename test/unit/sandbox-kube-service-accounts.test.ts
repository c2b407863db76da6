// ServiceAccounts in the sandbox cluster: the `default` one of every open namespace, the pods that run as it, the
// protobuf bodies kubectl really sends, and the tokens `kubectl create token` gets (claims, signature, refusals).

import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../sandbox/emulators/kubernetes/api/types';
import { R } from '../../sandbox/emulators/kubernetes/controllers/context';
import { decodeProtobuf } from '../../sandbox/emulators/kubernetes/proto/codec';
import { ServiceAccountTokens } from '../../sandbox/emulators/kubernetes/server/service-account-tokens';
import { apiRefusal as refusal, handDrivenCluster } from '../support/hand-driven-cluster';

const hex = (text: string) => Buffer.from(text, 'hex');
/** kubectl create serviceaccount build-bot (kubectl 1.32). */
const CREATE_SA = hex('6b3873000a140a027631120e536572766963654163636f756e74121b0a190a096275696c642d626f7412001a0022002a003200380042001a002200');
/** kubectl create token build-bot (kubectl 1.32). */
const CREATE_TOKEN = hex('6b3873000a280a1861757468656e7469636174696f6e2e6b38732e696f2f7631120c546f6b656e52657175657374121a0a100a0012001a0022002a003200380042001200 1a040a0012001a002200'.replace(/\s/g, ''));

const names = (list: KubeObject[]) => list.map((o) => `${o.metadata.namespace}/${o.metadata.name}`).sort();

describe('ServiceAccounts in the sandbox cluster', () => {
  it('keeps a default ServiceAccount in every open namespace, puts it back when deleted, and lets it go with its namespace', () => {
    const { cluster, advance } = handDrivenCluster();
    advance(250);
    expect(names(cluster.store.list(R.serviceaccounts))).toEqual(['default/default', 'kube-node-lease/default', 'kube-public/default', 'kube-system/default', 'shop/default']);
    expect(cluster.store.get(R.serviceaccounts, 'shop', 'default')).not.toHaveProperty('secrets');
    cluster.registry.delete(R.serviceaccounts, 'shop', 'default', {});
    advance(250);
    expect(cluster.store.get(R.serviceaccounts, 'shop', 'default')).toBeDefined();
    cluster.registry.delete(R.namespaces, undefined, 'shop', {});
    advance(10_000);
    expect(cluster.store.get(R.namespaces, undefined, 'shop')).toBeUndefined();
    expect(cluster.store.list(R.serviceaccounts, 'shop')).toEqual([]);
  });

  it('runs a pod as its namespace\'s default account unless it names one (both fields, as the API shows them)', () => {
    const { cluster } = handDrivenCluster();
    for (const name of ['build-bot', 'legacy']) cluster.registry.create({ resource: R.serviceaccounts, namespace: 'shop' }, { metadata: { name } });
    const pod = (name: string, spec: Record<string, unknown> = {}) =>
      cluster.registry.create({ resource: R.pods, namespace: 'shop' }, { metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec } }).spec;
    expect(pod('plain')).toMatchObject({ serviceAccountName: 'default', serviceAccount: 'default' });
    expect(pod('bot', { serviceAccountName: 'build-bot' })).toMatchObject({ serviceAccountName: 'build-bot', serviceAccount: 'build-bot' });
    expect(pod('old-style', { serviceAccount: 'legacy' })).toMatchObject({ serviceAccountName: 'legacy', serviceAccount: 'legacy' });
  });

  it('refuses a pod naming an account its namespace lacks; a ReplicaSet says so in one counted FailedCreate event, backs off, then recovers', () => {
    const { cluster, advance } = handDrivenCluster();
    const refused = refusal(() => cluster.registry.create({ resource: R.pods, namespace: 'shop' }, { metadata: { name: 'lone' }, spec: { serviceAccountName: 'ghost', containers: [{ name: 'c', image: 'busybox' }] } }));
    expect(refused).toMatchObject({ code: 403, reason: 'Forbidden', message: 'pods "lone" is forbidden: error looking up service account shop/ghost: serviceaccount "ghost" not found' });
    const template = { metadata: { labels: { app: 'api' } }, spec: { serviceAccountName: 'runner', containers: [{ name: 'c', image: 'busybox' }] } };
    cluster.registry.create({ resource: R.replicasets, namespace: 'shop' }, { metadata: { name: 'api-1' }, spec: { replicas: 2, selector: { matchLabels: { app: 'api' } }, template } });
    advance(4000);
    const failed = cluster.store.list(R.events, 'shop').filter((e) => e.reason === 'FailedCreate');
    expect(failed.map((e) => [e.type, e.message])).toEqual([['Warning', 'Error creating: pods "api-1-" is forbidden: error looking up service account shop/runner: serviceaccount "runner" not found']]);
    // Tries at 0.25 s, 1.25 s and 3.25 s of world time: the pause doubles after each refusal.
    expect(failed[0]?.count).toBe(3);
    expect(cluster.store.list(R.pods, 'shop')).toEqual([]);
    cluster.registry.create({ resource: R.serviceaccounts, namespace: 'shop' }, { metadata: { name: 'runner' } });
    advance(5000);
    expect(cluster.store.list(R.pods, 'shop').map((p) => (p.spec as { serviceAccountName: string }).serviceAccountName)).toEqual(['runner', 'runner']);
  });

  it('reads the ServiceAccount and the TokenRequest kubectl sends as protobuf', () => {
    expect(decodeProtobuf(CREATE_SA)).toEqual({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'build-bot' } });
    expect(decodeProtobuf(CREATE_TOKEN)).toMatchObject({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest' });
  });

  it('issues an hour-long RS256 token naming the account, verifiable with the key it was signed with', () => {
    const { cluster, clock } = handDrivenCluster();
    const account = cluster.registry.create({ resource: R.serviceaccounts, namespace: 'shop' }, { metadata: { name: 'build-bot' } });
    const tokens = new ServiceAccountTokens(cluster.registry, clock);
    const answer = tokens.issue({ metadata: {}, spec: {} } as KubeObject, account) as unknown as { spec: { audiences: string[]; expirationSeconds: number }; status: { token: string; expirationTimestamp: string } };
    expect(answer.spec).toEqual({ audiences: ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: 3600 });
    expect(Date.parse(answer.status.expirationTimestamp)).toBe(Math.floor(clock.now() / 1000) * 1000 + 3_600_000);
    const [header, payload, signature] = answer.status.token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    expect(claims).toMatchObject({ sub: 'system:serviceaccount:shop:build-bot', iss: 'https://kubernetes.default.svc.cluster.local', 'kubernetes.io': { namespace: 'shop', serviceaccount: { name: 'build-bot', uid: account.metadata.uid } } });
    expect(claims.exp - claims.iat).toBe(3600);
    // The signing key is the cluster's own; the test reads it only to check the signature is a real RS256 one.
    const key = (tokens as unknown as { key: { privateKey: Parameters<typeof createPublicKey>[0] } }).key.privateKey;
    expect(verify('sha256', Buffer.from(`${header}.${payload}`), createPublicKey(key), Buffer.from(signature, 'base64url'))).toBe(true);
  });

  it('binds a token to a pod running as the account, and refuses short tokens, other accounts\' pods and unbindable kinds', () => {
    const { cluster, clock, advance } = handDrivenCluster();
    const account = cluster.registry.create({ resource: R.serviceaccounts, namespace: 'shop' }, { metadata: { name: 'build-bot' } });
    cluster.registry.create({ resource: R.pods, namespace: 'shop' }, { metadata: { name: 'runner' }, spec: { serviceAccountName: 'build-bot', containers: [{ name: 'c', image: 'busybox' }] } });
    cluster.registry.create({ resource: R.pods, namespace: 'shop' }, { metadata: { name: 'other' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    advance(500);
    const tokens = new ServiceAccountTokens(cluster.registry, clock);
    const ask = (spec: Record<string, unknown>) => tokens.issue({ metadata: {}, spec } as unknown as KubeObject, account) as unknown as { status: { token: string } };
    const bound = JSON.parse(Buffer.from(ask({ boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'runner' } }).status.token.split('.')[1] ?? '', 'base64url').toString());
    const pod = cluster.store.get(R.pods, 'shop', 'runner');
    expect(bound['kubernetes.io'].pod).toEqual({ name: 'runner', uid: pod?.metadata.uid });
    expect(bound['kubernetes.io'].node.name).toBe((pod?.spec as { nodeName: string }).nodeName);
    expect(refusal(() => ask({ expirationSeconds: 60 })).message).toBe('TokenRequest.authentication.k8s.io "build-bot" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes');
    expect(refusal(() => ask({ boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'other' } })).message).toBe('cannot bind token for serviceaccount "build-bot" to pod running with different serviceaccount name.');
    expect(refusal(() => ask({ boundObjectRef: { kind: 'Deployment', apiVersion: 'apps/v1', name: 'web' } })).message).toBe('cannot bind token for object of type apps/v1, Kind=Deployment');
    expect(refusal(() => ask({ boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'gone' } }))).toMatchObject({ code: 404, message: 'pods "gone" not found' });
  });
});
