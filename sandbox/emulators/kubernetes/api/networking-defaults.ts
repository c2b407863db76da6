// The DefaultIngressClass admission plugin: an Ingress created without a class is given the IngressClass annotated
// `ingressclass.kubernetes.io/is-default-class: "true"` (the newest, when several are).

import { parseTime } from './time';
import { requireResource } from './resources';
import type { ObjectStore } from './store';
import { isRecord, type KubeObject } from './types';

export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

export function defaultIngressClassName(store: ObjectStore): string | undefined {
  const defaults = store.scan(requireResource('networking.k8s.io', 'ingressclasses')).filter((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
  const newest = defaults.sort((a, b) => (parseTime(b.metadata.creationTimestamp) ?? 0) - (parseTime(a.metadata.creationTimestamp) ?? 0))[0];
  return newest?.metadata.name;
}

/** On create only: admission does not touch an update. */
export function admitIngressClass(o: KubeObject, defaultClass: () => string | undefined): void {
  if (!isRecord(o.spec)) o.spec = {};
  const spec = o.spec as Record<string, unknown>;
  if (spec.ingressClassName !== undefined && spec.ingressClassName !== null) return;
  const name = defaultClass();
  if (name) spec.ingressClassName = name;
}
