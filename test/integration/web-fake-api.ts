// A ControlRoomApi double for the browser-mode server tests.

import type { ActionRequest, ActionResult, ControlRoomApi, JournalQuery, Snapshot, StreamMessage } from '../../app/api';
import type { JournalEvent } from '../../app/release';

export const SNAPSHOT: Snapshot = {
  world: { mode: 'sandbox', workspace: 'sandbox', scenario: 'calm', speed: 1, operator: 'ada' },
  health: { journal: { path: '/tmp/switchyard/journal.jsonl', writable: true, error: null, since: '2025-01-01T10:00:00.000Z', corrupt: { count: 0, lines: [], keptIn: null } } },
  targets: [{ id: 'edge', name: 'Edge HAProxy', platform: 'haproxy', address: 'tcp://127.0.0.1:9999', state: 'connected', message: null }],
  environments: [],
  services: [],
  series: {},
  journal: [],
};

export const EVENT: JournalEvent = {
  at: '2025-01-01T10:00:00.000Z',
  actor: 'ada',
  serviceId: 'checkout',
  releaseId: 'r1',
  action: 'pause',
  stage: 'done',
  reason: 'looking at p99',
  splitBefore: [{ version: '1.4.2', percent: 90 }, { version: '1.5.0', percent: 10 }],
  splitAfter: [{ version: '1.4.2', percent: 90 }, { version: '1.5.0', percent: 10 }],
  step: 1,
  firing: null,
  message: null,
};

export class FakeApi implements ControlRoomApi {
  acts: ActionRequest[] = [];
  journalQueries: JournalQuery[] = [];
  listeners = new Set<(m: StreamMessage) => void>();
  unsubscribes = 0;

  async snapshot(): Promise<Snapshot> {
    return SNAPSHOT;
  }
  async act(request: ActionRequest): Promise<ActionResult> {
    this.acts.push(request);
    return { ok: true, outcome: 'done', message: `${request.action} ${request.serviceId}: done`, release: null };
  }
  async journal(query: JournalQuery): Promise<JournalEvent[]> {
    this.journalQueries.push(query);
    return [EVENT];
  }
  subscribe(listener: (m: StreamMessage) => void): () => void {
    this.listeners.add(listener);
    listener({ type: 'snapshot', snapshot: SNAPSHOT });
    return () => {
      this.unsubscribes += 1;
      this.listeners.delete(listener);
    };
  }
  push(message: StreamMessage): void {
    for (const listener of this.listeners) listener(message);
  }
}
