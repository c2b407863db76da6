// The validation of networking.k8s.io/v1 objects that clients notice, in the order and words of kube-apiserver: an
// Ingress needs rules or a default backend, each path a pathType it knows and a service or resource backend; an
// IngressClass names its controller by a domain-prefixed path that never changes.

import { dnsLabel1035Problems, dnsSubdomainProblems, wildcardSubdomainProblems } from './dns-names';
import { invalidValue, notSupported, requiredValue, type StatusCause } from './errors';
import { isRecord, type KubeObject } from './types';

type Obj = Record<string, unknown>;
const rec = (v: unknown): Obj => (isRecord(v) ? v : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export const PATH_TYPES = ['Exact', 'Prefix', 'ImplementationSpecific'];
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function validateResourceBackend(ref: Obj, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (typeof ref.apiGroup === 'string') causes.push(...dnsSubdomainProblems(ref.apiGroup).map((why) => invalidValue(`${path}.apiGroup`, ref.apiGroup, why)));
  if (!ref.kind) causes.push(requiredValue(`${path}.kind`, 'kind is required'));
  if (!ref.name) causes.push(requiredValue(`${path}.name`, 'name is required'));
  return causes;
}

function validateServiceBackend(service: Obj, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const name = typeof service.name === 'string' ? service.name : '';
  if (!name) causes.push(requiredValue(`${path}.service.name`));
  else causes.push(...dnsLabel1035Problems(name).map((why) => invalidValue(`${path}.service.name`, name, why)));
  const port = rec(service.port);
  const portName = typeof port.name === 'string' ? port.name : '';
  const portNumber = typeof port.number === 'number' ? port.number : 0;
  if (portName && portNumber) causes.push(invalidValue(path, '', 'cannot set both port name & port number'));
  else if (portNumber && (portNumber < 1 || portNumber > 65535)) causes.push(invalidValue(`${path}.service.port.number`, portNumber, 'must be between 1 and 65535, inclusive'));
  else if (!portName && !portNumber) causes.push(requiredValue(`${path}.service.port`, 'port name or number is required'));
  return causes;
}

export function validateIngressBackend(backend: Obj, path: string): StatusCause[] {
  const hasResource = isRecord(backend.resource);
  const hasService = isRecord(backend.service);
  if (hasResource && hasService) return [invalidValue(path, '', 'cannot set both resource and service backends')];
  if (hasResource) return validateResourceBackend(rec(backend.resource), `${path}.resource`);
  if (hasService) return validateServiceBackend(rec(backend.service), path);
  return [invalidValue(path, '', 'resource or service backend is required')];
}

function validatePath(entry: Obj, path: string): StatusCause[] {
  const pathType = entry.pathType;
  if (typeof pathType !== 'string') return [requiredValue(`${path}.pathType`, 'pathType must be specified')];
  const causes: StatusCause[] = [];
  const value = typeof entry.path === 'string' ? entry.path : '';
  if (pathType === 'Exact' || pathType === 'Prefix') {
    if (!value.startsWith('/')) causes.push(invalidValue(`${path}.path`, value, 'must be an absolute path'));
    for (const sequence of INVALID_PATH_SEQUENCES) if (value.includes(sequence)) causes.push(invalidValue(`${path}.path`, value, `must not contain '${sequence}'`));
    for (const suffix of INVALID_PATH_SUFFIXES) if (value.endsWith(suffix)) causes.push(invalidValue(`${path}.path`, value, `cannot end with '${suffix}'`));
  } else if (pathType === 'ImplementationSpecific') {
    if (value && !value.startsWith('/')) causes.push(invalidValue(`${path}.path`, value, 'must be an absolute path'));
  } else causes.push(notSupported(`${path}.pathType`, pathType, PATH_TYPES));
  return [...causes, ...validateIngressBackend(rec(entry.backend), `${path}.backend`)];
}

function validateRule(rule: Obj, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const host = typeof rule.host === 'string' ? rule.host : '';
  if (host) {
    if (IPV4.test(host) || host.includes(':')) causes.push(invalidValue(`${path}.host`, host, 'must be a DNS name, not an IP address'));
    const problems = host.includes('*') ? wildcardSubdomainProblems(host) : dnsSubdomainProblems(host);
    causes.push(...problems.map((why) => invalidValue(`${path}.host`, host, why)));
  }
  if (isRecord(rule.http)) {
    const paths = list(rule.http.paths);
    if (paths.length === 0) causes.push(requiredValue(`${path}.http.paths`));
    paths.forEach((p, i) => causes.push(...validatePath(rec(p), `${path}.http.paths[${i}]`)));
  }
  return causes;
}

export function validateIngress(o: KubeObject): StatusCause[] {
  const spec = rec(o.spec);
  const rules = list(spec.rules);
  const causes: StatusCause[] = [];
  if (rules.length === 0 && !isRecord(spec.defaultBackend)) {
    // field.Invalid prints the Go value of the empty rules list.
    causes.push({ reason: 'FieldValueInvalid', message: 'spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified', field: 'spec' });
  }
  if (isRecord(spec.defaultBackend)) causes.push(...validateIngressBackend(spec.defaultBackend, 'spec.defaultBackend'));
  rules.forEach((rule, i) => causes.push(...validateRule(rec(rule), `spec.rules[${i}]`)));
  if (typeof spec.ingressClassName === 'string') {
    const name = spec.ingressClassName;
    causes.push(...dnsSubdomainProblems(name).map((why) => invalidValue('spec.ingressClassName', name, why)));
  }
  return causes;
}

export function validateIngressClass(o: KubeObject, previous?: KubeObject): StatusCause[] {
  const controller = rec(o.spec).controller;
  const causes: StatusCause[] = [];
  if (typeof controller !== 'string' || !controller) causes.push(requiredValue('spec.controller'));
  else if (!/^[^/]+\/.+$/.test(controller)) causes.push(invalidValue('spec.controller', controller, 'must be a domain-prefixed path (such as "acme.io/foo")'));
  const before = previous ? rec(previous.spec).controller : undefined;
  if (previous && before !== controller) causes.push(invalidValue('spec.controller', controller ?? '', 'field is immutable'));
  return causes;
}
