// The STATUS, COMPLETIONS and DURATION columns of kubectl get jobs (printJob in kubernetes/pkg/printers).

import { humanDuration, parseTime } from '../api/time';
import { isRecord, type KubeObject } from '../api/types';

type Obj = Record<string, unknown>;
const rec = (v: unknown): Obj => (isRecord(v) ? v : {});

function hasCondition(o: KubeObject, type: string): boolean {
  const conditions = rec(o.status).conditions;
  return Array.isArray(conditions) && conditions.some((c) => isRecord(c) && c.type === type && c.status === 'True');
}

export function jobStatusCell(o: KubeObject): string {
  if (hasCondition(o, 'Complete')) return 'Complete';
  if (hasCondition(o, 'Failed')) return 'Failed';
  if (o.metadata.deletionTimestamp) return 'Terminating';
  if (hasCondition(o, 'Suspended')) return 'Suspended';
  if (hasCondition(o, 'FailureTarget')) return 'FailureTarget';
  if (hasCondition(o, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

export function jobCompletionsCell(o: KubeObject): string {
  const spec = rec(o.spec);
  const succeeded = Number(rec(o.status).succeeded ?? 0);
  if (typeof spec.completions === 'number') return `${succeeded}/${spec.completions}`;
  if (typeof spec.parallelism !== 'number') return `${succeeded}/1`;
  return spec.parallelism > 1 ? `${succeeded}/1 of ${spec.parallelism}` : `${succeeded}/1`;
}

export function jobDurationCell(o: KubeObject, now: number): string {
  const status = rec(o.status);
  const started = parseTime(typeof status.startTime === 'string' ? status.startTime : undefined);
  if (started === null) return '';
  const completed = parseTime(typeof status.completionTime === 'string' ? status.completionTime : undefined);
  return humanDuration((completed ?? now) - started);
}
