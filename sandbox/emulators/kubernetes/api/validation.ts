// The validation kube-apiserver does that clients notice: names, selectors vs template labels, immutables.

import { validateAutoscaler, validateCronJob, validateJob } from './batch-validation';
import { dnsSubdomainProblems } from './dns-names';
import { invalidValue, requiredValue, type StatusCause } from './errors';
import { validateIngress, validateIngressClass } from './networking-validation';
import { matchesRequirements, selectorRequirements, type LabelSelectorObject } from './label-selector';
import { isRecord, sameJson, type KubeObject } from './types';

export function validateName(name: string | undefined): StatusCause[] {
  if (!name) return [{ reason: 'FieldValueRequired', message: 'metadata.name: Required value: name or generateName is required', field: 'metadata.name' }];
  return dnsSubdomainProblems(name).map((why) => invalidValue('metadata.name', name, why));
}

function goMap(labels: Record<string, string>): string {
  const body = Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
    .join(', ');
  return `map[string]string{${body}}`;
}

function validateWorkload(o: KubeObject, previous?: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const spec = isRecord(o.spec) ? o.spec : {};
  const replicas = spec.replicas;
  if (typeof replicas === 'number' && (replicas < 0 || !Number.isInteger(replicas))) {
    causes.push(invalidValue('spec.replicas', replicas, 'must be greater than or equal to 0'));
  }
  const selector = spec.selector as LabelSelectorObject | undefined;
  const requirements = selectorRequirements(selector);
  if (!selector || requirements.length === 0) causes.push(requiredValue('spec.selector'));
  const template = isRecord(spec.template) ? spec.template : {};
  const labels = (isRecord(template.metadata) ? template.metadata.labels : undefined) as Record<string, string> | undefined;
  if (selector && requirements.length > 0 && !matchesRequirements(requirements, labels)) {
    causes.push({
      reason: 'FieldValueInvalid',
      message: `spec.template.metadata.labels: Invalid value: ${goMap(labels ?? {})}: \`selector\` does not match template \`labels\``,
      field: 'spec.template.metadata.labels',
    });
  }
  const podSpec = isRecord(template.spec) ? template.spec : {};
  const containers = Array.isArray(podSpec.containers) ? podSpec.containers : [];
  if (containers.length === 0) causes.push(requiredValue('spec.template.spec.containers'));
  containers.forEach((c, i) => {
    if (!isRecord(c) || typeof c.name !== 'string' || !c.name) causes.push(requiredValue(`spec.template.spec.containers[${i}].name`));
    if (!isRecord(c) || typeof c.image !== 'string' || !c.image) causes.push(requiredValue(`spec.template.spec.containers[${i}].image`));
  });
  const strategy = isRecord(spec.strategy) ? spec.strategy : undefined;
  if (strategy?.type === 'Recreate' && strategy.rollingUpdate !== undefined) {
    causes.push({ reason: 'FieldValueForbidden', message: "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'", field: 'spec.strategy.rollingUpdate' });
  }
  if (previous && isRecord(previous.spec) && !sameJson(previous.spec.selector, spec.selector)) {
    causes.push(invalidValue('spec.selector', selector ?? null, 'field is immutable'));
  }
  return causes;
}

function validateService(o: KubeObject, previous?: KubeObject): StatusCause[] {
  const spec = isRecord(o.spec) ? o.spec : {};
  const causes: StatusCause[] = [];
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  if (ports.length === 0 && spec.type !== 'ExternalName' && spec.clusterIP !== 'None') causes.push(requiredValue('spec.ports'));
  ports.forEach((p, i) => {
    if (!isRecord(p) || typeof p.port !== 'number') causes.push(requiredValue(`spec.ports[${i}].port`));
  });
  const before = isRecord(previous?.spec) ? previous.spec : undefined;
  if (before && before.clusterIP !== undefined && spec.clusterIP !== before.clusterIP) {
    causes.push(invalidValue('spec.clusterIPs[0]', spec.clusterIP ?? null, 'may not change once set'));
  }
  return causes;
}

function validatePod(o: KubeObject): StatusCause[] {
  const spec = isRecord(o.spec) ? o.spec : {};
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  return containers.length === 0 ? [requiredValue('spec.containers')] : [];
}

export function validateObject(kind: string, o: KubeObject, previous?: KubeObject): StatusCause[] {
  const causes = validateName(o.metadata.name);
  switch (kind) {
    case 'Deployment':
    case 'ReplicaSet':
      return [...causes, ...validateWorkload(o, previous)];
    case 'Service':
      return [...causes, ...validateService(o, previous)];
    case 'Pod':
      return [...causes, ...validatePod(o)];
    case 'Job':
      return [...causes, ...validateJob(o, previous)];
    case 'CronJob':
      return [...causes, ...validateCronJob(o)];
    case 'HorizontalPodAutoscaler':
      return [...causes, ...validateAutoscaler(o)];
    case 'Ingress':
      return [...causes, ...validateIngress(o)];
    case 'IngressClass':
      return [...causes, ...validateIngressClass(o, previous)];
    default:
      return causes;
  }
}
