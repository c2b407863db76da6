// Ingresses in the sandbox cluster: the protobuf body kubectl create ingress really sends, what the server refuses
// (in kube-apiserver's words), the printer's hosts and address cells, and the default IngressClass.

import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../sandbox/emulators/kubernetes/api/errors';
import { validateIngress, validateIngressClass } from '../../sandbox/emulators/kubernetes/api/networking-validation';
import { requireResource } from '../../sandbox/emulators/kubernetes/api/resources';
import type { KubeObject } from '../../sandbox/emulators/kubernetes/api/types';
import { ingressAddress, ingressHostsCell } from '../../sandbox/emulators/kubernetes/printers/ingress';
import { decodeProtobuf, encodeProtobuf } from '../../sandbox/emulators/kubernetes/proto/codec';
import { handDrivenCluster } from '../support/hand-driven-cluster';

const hex = (text: string) => Buffer.from(text, 'hex');
/** kubectl create ingress web --rule="web.example.com/*=web:80" (kubectl 1.32). */
const CREATE_INGRESS = hex(
  '6b3873000a1f0a146e6574776f726b696e672e6b38732e696f2f76311207496e6772657373124e0a130a0377656212001a0022002a0032003800420012331a310a0f7765622e6578616d706c652e636f6d121e0a1c0a1a0a012f120d220b0a0377656212040a0010501a065072656669781a020a001a002200',
);

const ingress = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web' }, spec });
const path = (entry: Record<string, unknown>) => ingress({ rules: [{ host: 'web.example.com', http: { paths: [entry] } }] });
const service = { service: { name: 'web', port: { number: 80 } } };
const messages = (o: KubeObject) => validateIngress(o).map((c) => c.message);

describe('Ingresses in the sandbox cluster', () => {
  it('reads kubectl create ingress: the rule\'s http sits beside its host (an inline struct), the path type is kept', () => {
    const decoded = decodeProtobuf(CREATE_INGRESS);
    expect(decoded).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web' },
      spec: { rules: [{ host: 'web.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
    });
    const stored = { ...decoded, metadata: { name: 'web', namespace: 'shop', uid: 'u-1', creationTimestamp: '2026-12-04T15:41:29Z' }, status: { loadBalancer: { ingress: [{ ip: '203.0.113.7', ports: [{ port: 443, protocol: 'TCP', error: 'Pending' }] }] } } };
    expect(decodeProtobuf(encodeProtobuf(stored)!)).toEqual(stored);
  });

  it('accepts what kubectl create ingress makes, a default backend alone, and a resource backend', () => {
    expect(messages(path({ path: '/', pathType: 'Prefix', backend: service }))).toEqual([]);
    expect(messages(ingress({ defaultBackend: service }))).toEqual([]);
    expect(messages(path({ path: '/static', pathType: 'ImplementationSpecific', backend: { resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static' } } }))).toEqual([]);
    expect(messages(ingress({ rules: [{ host: '*.example.com', http: { paths: [{ path: '/', pathType: 'Exact', backend: service }] } }] }))).toEqual([]);
  });

  it('refuses paths without a backend, with two, with an unknown or missing path type, in the server\'s words', () => {
    const at = 'spec.rules[0].http.paths[0]';
    expect(messages(path({ path: '/', pathType: 'Prefix', backend: {} }))).toEqual([`${at}.backend: Invalid value: "": resource or service backend is required`]);
    expect(messages(path({ path: '/', pathType: 'Prefix', backend: { ...service, resource: { kind: 'Bucket', name: 'b' } } }))).toEqual([`${at}.backend: Invalid value: "": cannot set both resource and service backends`]);
    expect(messages(path({ path: '/', pathType: 'Regex', backend: service }))).toEqual([`${at}.pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"`]);
    // Without a path type nothing else of the path is checked, as in kube-apiserver.
    expect(messages(path({ path: 'x', backend: {} }))).toEqual([`${at}.pathType: Required value: pathType must be specified`]);
    const reasons = validateIngress(path({ path: '/', pathType: 'Regex', backend: {} })).map((c) => [c.reason, c.field]);
    expect(reasons).toEqual([['FieldValueNotSupported', `${at}.pathType`], ['FieldValueInvalid', `${at}.backend`]]);
  });

  it('refuses relative and unsafe Exact/Prefix paths, bad service ports, an IP for a host, and an Ingress with nothing to route', () => {
    const at = 'spec.rules[0].http.paths[0]';
    expect(messages(path({ path: 'api', pathType: 'Exact', backend: service }))).toEqual([`${at}.path: Invalid value: "api": must be an absolute path`]);
    expect(messages(path({ path: '/a//b/..', pathType: 'Prefix', backend: service }))).toEqual([`${at}.path: Invalid value: "/a//b/..": must not contain '//'`, `${at}.path: Invalid value: "/a//b/..": cannot end with '/..'`]);
    expect(messages(path({ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http', number: 80 } } } }))).toEqual([`${at}.backend: Invalid value: "": cannot set both port name & port number`]);
    expect(messages(path({ path: '/', pathType: 'Prefix', backend: { service: { name: 'web' } } }))).toEqual([`${at}.backend.service.port: Required value: port name or number is required`]);
    expect(messages(ingress({ rules: [{ host: '10.0.0.1' }] }))).toEqual(['spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address']);
    expect(messages(ingress({}))).toEqual(['spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified']);
  });

  it('wants an IngressClass controller as a domain-prefixed path that never changes', () => {
    const cls = (controller?: string): KubeObject => ({ metadata: { name: 'nginx' }, spec: controller === undefined ? {} : { controller } });
    expect(validateIngressClass(cls('k8s.io/ingress-nginx'))).toEqual([]);
    expect(validateIngressClass(cls()).map((c) => c.message)).toEqual(['spec.controller: Required value']);
    expect(validateIngressClass(cls('nginx')).map((c) => c.message)).toEqual(['spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")']);
    expect(validateIngressClass(cls('k8s.io/other'), cls('k8s.io/ingress-nginx')).map((c) => c.message)).toEqual(['spec.controller: Invalid value: "k8s.io/other": field is immutable']);
  });

  it('prints three hosts then how many more, "*" without any, and cuts a long address unless wide', () => {
    const hosts = (...names: string[]) => ingressHostsCell(ingress({ rules: names.map((host) => (host ? { host } : {})) }));
    expect(hosts('a.example.com', 'b.example.com', 'c.example.com', 'd.example.com', 'e.example.com')).toBe('a.example.com,b.example.com,c.example.com + 2 more...');
    expect(hosts('', '')).toBe('*');
    const withAddresses = { ...ingress({}), status: { loadBalancer: { ingress: [{ ip: '203.0.113.17' }, { hostname: 'lb.example.com' }, { ip: '203.0.113.17' }] } } } as KubeObject;
    expect(ingressAddress(withAddresses, true)).toBe('203.0.113.17,lb.example.com');
    expect(ingressAddress(withAddresses, false)).toBe('203.0.113.17,...');
  });

  it('gives an Ingress created without a class the newest IngressClass marked default, and leaves updates alone', () => {
    const { cluster, advance } = handDrivenCluster();
    const classes = requireResource('networking.k8s.io', 'ingressclasses');
    const ingresses = requireResource('networking.k8s.io', 'ingresses');
    const create = (name: string) => cluster.registry.create({ resource: ingresses, namespace: 'shop' }, { metadata: { name }, spec: { defaultBackend: service } });
    expect((create('before').spec as { ingressClassName?: string }).ingressClassName).toBeUndefined();
    for (const name of ['old', 'new']) {
      cluster.registry.create({ resource: classes }, { metadata: { name, annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }, spec: { controller: `k8s.io/${name}` } });
      advance(1000);
    }
    expect((create('after').spec as { ingressClassName?: string }).ingressClassName).toBe('new');
    expect(cluster.registry.get(ingresses, 'shop', 'before').spec).not.toHaveProperty('ingressClassName');
    expect(cluster.registry.get(ingresses, 'shop', 'after').status).toEqual({ loadBalancer: {} });
    try {
      cluster.registry.create({ resource: ingresses, namespace: 'shop' }, { metadata: { name: 'bad' }, spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: {} }] } }] } });
      expect.unreachable();
    } catch (error) {
      expect((error as ApiError).message).toBe('Ingress.networking.k8s.io "bad" is invalid: spec.rules[0].http.paths[0].backend: Invalid value: "": resource or service backend is required');
    }
  });
});
