// The TARGETS column of kubectl get hpa (formatHPAMetrics in kubernetes/pkg/printers): `cpu: 42%/80%` per metric,
// `rps: <unknown>/10` for a Pods metric, `<unknown>` for a value not read yet, the first two metrics then "+ N more...".

import { isRecord, type KubeObject } from '../api/types';

type Obj = Record<string, unknown>;
const rec = (v: unknown): Obj => (isRecord(v) ? v : {});
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isRecord) : []);

function resourceTarget(spec: Obj, status: Obj | undefined): string {
  const name = String(spec.name ?? '');
  const target = rec(spec.target);
  const current = rec(rec(status?.resource).current);
  if (target.averageValue !== undefined) return `${name}: ${current.averageValue !== undefined ? String(current.averageValue) : '<unknown>'}/${String(target.averageValue)}`;
  const now = typeof current.averageUtilization === 'number' && status?.resource ? `${current.averageUtilization}%` : '<unknown>';
  const wanted = typeof target.averageUtilization === 'number' ? `${target.averageUtilization}%` : '<auto>';
  return `${name}: ${now}/${wanted}`;
}

/** A Pods, Object or External metric: `name: current/target`, `(avg)` after an average target of one object. */
function namedTarget(source: Obj, status: Obj, perPod: boolean): string {
  const name = String(rec(source.metric).name ?? '');
  const target = rec(source.target);
  const current = rec(status.current);
  if (perPod) return `${name}: ${current.averageValue !== undefined ? String(current.averageValue) : '<unknown>'}/${String(target.averageValue ?? '')}`;
  if (target.averageValue !== undefined) return `${name}: ${current.averageValue !== undefined ? String(current.averageValue) : '<unknown>'}/${String(target.averageValue)} (avg)`;
  return `${name}: ${current.value !== undefined ? String(current.value) : '<unknown>'}/${String(target.value ?? '')}`;
}

export function hpaTargetsCell(o: KubeObject): string {
  const specs = list(rec(o.spec).metrics);
  const statuses = list(rec(o.status).currentMetrics);
  if (specs.length === 0) return '<none>';
  const cells = specs.map((m, i) => {
    const status = statuses[i];
    if (m.type === 'Resource') return resourceTarget(rec(m.resource), status);
    if (m.type === 'ContainerResource') return resourceTarget(rec(m.containerResource), status && { resource: rec(status.containerResource) });
    const key = m.type === 'Pods' ? 'pods' : m.type === 'Object' ? 'object' : 'external';
    return namedTarget(rec(m[key]), rec(status?.[key]), key === 'pods');
  });
  return cells.length > 2 ? `${cells.slice(0, 2).join(', ')} + ${cells.length - 2} more...` : cells.join(', ');
}
