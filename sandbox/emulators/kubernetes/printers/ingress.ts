// The cells of an Ingress row as kube-apiserver's printer fills them: its class, hosts (three, then "+ N more..."),
// load-balancer address and the ports its TLS opens.

import { isRecord, type KubeObject } from '../api/types';

type Obj = Record<string, unknown>;
const rec = (v: unknown): Obj => (isRecord(v) ? v : {});
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isRecord) : []);

/** Addresses longer than this are cut with "..." unless -o wide. */
const LOAD_BALANCER_WIDTH = 16;
const MAX_HOSTS = 3;

export function ingressHostsCell(o: KubeObject): string {
  const rules = list(rec(o.spec).rules);
  const hosts: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (hosts.length === MAX_HOSTS) more = true;
    if (!more && typeof rule.host === 'string' && rule.host) hosts.push(rule.host);
  }
  if (hosts.length === 0) return '*';
  return more ? `${hosts.join(',')} + ${rules.length - MAX_HOSTS} more...` : hosts.join(',');
}

/** The load balancer's IPs (or hostnames), sorted and unique, as the printer's string set joins them. */
export function ingressAddress(o: KubeObject, wide: boolean): string {
  const points = list(rec(rec(o.status).loadBalancer).ingress);
  const addresses = [...new Set(points.map((p) => String(p.ip || p.hostname || '')).filter(Boolean))].sort();
  const joined = addresses.join(',');
  return !wide && joined.length > LOAD_BALANCER_WIDTH ? `${joined.slice(0, LOAD_BALANCER_WIDTH - 3)}...` : joined;
}

export function ingressCells(o: KubeObject, age: string): (string | number)[] {
  const spec = rec(o.spec);
  const className = typeof spec.ingressClassName === 'string' ? spec.ingressClassName : '<none>';
  const ports = list(spec.tls).length ? '80, 443' : '80';
  return [o.metadata.name ?? '', className, ingressHostsCell(o), ingressAddress(o, false), ports, age];
}

export function ingressClassCells(o: KubeObject, age: string): (string | number)[] {
  const spec = rec(o.spec);
  const parameters = isRecord(spec.parameters) ? spec.parameters : undefined;
  let shown = '<none>';
  if (parameters) shown = `${String(parameters.kind ?? '')}${typeof parameters.apiGroup === 'string' ? `.${parameters.apiGroup}` : ''}/${String(parameters.name ?? '')}`;
  return [o.metadata.name ?? '', String(spec.controller ?? ''), shown, age];
}
