// GET /api/v1/namespaces/{ns}/pods/{name}/log: a container's output from the pod log source the world plugs in
// (the traffic simulator's request log), with container, tailLines, sinceSeconds, timestamps, limitBytes, previous
// and follow, and the real server's refusals (no such container, still waiting to start, no previous container).
// A run-to-completion pod's log is what its command printed (`echo hi`), not the traffic log.

import type { ServerResponse } from 'node:http';
import type { Clock } from '../../clock';
import { badRequest } from '../api/errors';
import type { Registry } from '../api/registry';
import { requireResource } from '../api/resources';
import { isRecord, type KubeObject } from '../api/types';
import type { Pod } from '../controllers/apps-types';
import { commandOutput, runsToCompletion } from '../controllers/pod-completion';
import { queryBool } from './query';

export interface PodLogLine {
  /** World ms. */
  at: number;
  text: string;
}

/** A container's log lines so far, oldest first. */
export type PodLogSource = (pod: KubeObject, container: string) => PodLogLine[];

const PODS = requireResource('', 'pods');
const FOLLOW_POLL_MS = 250;

type Obj = Record<string, unknown>;
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isRecord) : []);

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

export class PodLogs {
  source: PodLogSource = () => [];

  constructor(
    private readonly registry: Registry,
    private readonly clock: Clock,
  ) {}

  handle(res: ServerResponse, namespace: string | undefined, name: string, query: URLSearchParams): void {
    const pod = this.registry.get(PODS, namespace, name);
    const containers = list(isRecord(pod.spec) ? pod.spec.containers : undefined).map((c) => String(c.name ?? ''));
    const container = query.get('container') ?? (containers.length === 1 ? containers[0] : undefined);
    if (container === undefined) throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`);
    if (!containers.includes(container)) throw badRequest(`container ${container} is not valid for pod ${name}`);
    const status = list(isRecord(pod.status) ? pod.status.containerStatuses : undefined).find((s) => s.name === container);
    const state = isRecord(status?.state) ? status.state : {};
    if (queryBool(query, 'previous')) {
      if (Number(status?.restartCount ?? 0) === 0) throw badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
      return this.write(res, [{ at: this.clock.now(), text: `${container}: exited with code 1 (the sandbox scripts this container to crash)` }], query, false);
    }
    if (!status || (isRecord(state.waiting) && !isRecord(state.running) && Number(status.restartCount ?? 0) === 0)) {
      const reason = isRecord(state.waiting) ? String(state.waiting.reason ?? 'ContainerCreating') : 'ContainerCreating';
      throw badRequest(`container "${container}" in pod "${name}" is waiting to start: ${reason}`);
    }
    const since = query.get('sinceSeconds');
    const sinceTime = query.get('sinceTime');
    const from = since ? this.clock.now() - Number(since) * 1000 : sinceTime ? Date.parse(sinceTime) : -Infinity;
    const output = () => (runsToCompletion(pod as Pod) ? this.commandLines(pod as Pod, container, state) : this.source(pod, container));
    let lines = output().filter((l) => l.at >= from);
    const tail = query.get('tailLines');
    if (tail !== null && /^\d+$/.test(tail)) lines = Number(tail) === 0 ? [] : lines.slice(-Number(tail));
    this.write(res, lines, query, queryBool(query, 'follow'), output);
  }

  /** A run-to-completion container's output (`echo hi` prints hi), stamped when it started. */
  private commandLines(pod: Pod, container: string, state: Obj): PodLogLine[] {
    const run = isRecord(state.running) ? state.running : isRecord(state.terminated) ? state.terminated : {};
    const at = Date.parse(String(run.startedAt ?? '')) || this.clock.now();
    return commandOutput(pod, container).map((text) => ({ at, text }));
  }

  private write(res: ServerResponse, lines: PodLogLine[], query: URLSearchParams, follow: boolean, more?: () => PodLogLine[]): void {
    const timestamps = queryBool(query, 'timestamps');
    const format = (l: PodLogLine) => `${timestamps ? `${stamp(l.at)} ` : ''}${l.text}\n`;
    const limit = query.get('limitBytes');
    res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-cache, private', ...(follow ? { 'transfer-encoding': 'chunked' } : {}) });
    let text = lines.map(format).join('');
    if (limit && /^\d+$/.test(limit)) text = Buffer.from(text).subarray(0, Number(limit)).toString('utf8');
    if (!follow || !more) {
      res.end(text);
      return;
    }
    res.write(text);
    let last = lines.at(-1)?.at ?? this.clock.now();
    const timer = setInterval(() => {
      const fresh = more().filter((l) => l.at > last);
      if (fresh.length) {
        last = fresh.at(-1)!.at;
        res.write(fresh.map(format).join(''));
      }
    }, FOLLOW_POLL_MS);
    res.on('close', () => clearInterval(timer));
  }
}
