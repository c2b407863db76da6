// A watch stream: chunked JSON lines of ADDED / MODIFIED / DELETED / BOOKMARK / ERROR events from a resourceVersion,
// with selector transitions, bookmarks, 410 Expired for a too-old resourceVersion, timeoutSeconds and keep-alives.

import type { ServerResponse } from 'node:http';
import { expired } from './errors';
import { resourceKey, type ResourceType } from './resources';
import type { EventType, ObjectStore, StoreEvent } from './store';
import type { KubeObject } from './types';

export interface WatchOptions {
  resource: ResourceType;
  matches(object: KubeObject): boolean;
  /** Shapes an event's object for the wire (kind/apiVersion, or a Table). */
  encode(object: KubeObject, type: EventType | 'BOOKMARK'): unknown;
  resourceVersion?: string;
  allowBookmarks: boolean;
  sendInitialEvents: boolean;
  timeoutSeconds?: number;
  /** Wall ms between bookmarks (or blank keep-alive lines when bookmarks were not asked for). */
  heartbeatMs?: number;
}

export function serveWatch(store: ObjectStore, res: ServerResponse, options: WatchOptions): void {
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache, private', 'transfer-encoding': 'chunked' });
  res.flushHeaders();
  const send = (type: string, object: unknown) => {
    if (!res.writableEnded) res.write(`${JSON.stringify({ type, object })}\n`);
  };
  const requested = options.resourceVersion;
  const fromScratch = requested === undefined || requested === '' || requested === '0' || options.sendInitialEvents;
  let backlog: StoreEvent[] = [];
  if (!fromScratch) {
    const since = store.eventsSince(Number(requested));
    if (since === null || !/^\d+$/.test(requested)) {
      send('ERROR', expired(requested, store.oldestRv()).body());
      res.end();
      return;
    }
    backlog = since;
  }
  const deliver = (event: StoreEvent) => {
    if (resourceKey(event.resource) !== resourceKey(options.resource)) return;
    if (event.resource !== options.resource) return;
    const was = event.previous !== undefined && event.type !== 'ADDED' && options.matches(event.previous);
    const is = event.type !== 'DELETED' && options.matches(event.object);
    if (event.type === 'DELETED') {
      if (was) send('DELETED', options.encode(event.object, 'DELETED'));
    } else if (is && (was || event.type === 'ADDED')) send(event.type, options.encode(event.object, event.type));
    else if (is) send('ADDED', options.encode(event.object, 'ADDED'));
    else if (was && event.previous) {
      const gone = { ...event.previous, metadata: { ...event.previous.metadata, resourceVersion: event.object.metadata.resourceVersion } };
      send('DELETED', options.encode(gone, 'DELETED'));
    }
  };
  const unsubscribe = store.subscribe(deliver);
  const bookmark = (annotations?: Record<string, string>) =>
    send('BOOKMARK', {
      ...(options.encode({ metadata: {} }, 'BOOKMARK') as object),
      metadata: { resourceVersion: String(store.currentRv()), ...(annotations ? { annotations } : {}) },
    });
  if (fromScratch) {
    const initial = store.list(options.resource).filter((o) => options.matches(o));
    for (const object of initial) send('ADDED', options.encode(object, 'ADDED'));
    if (options.sendInitialEvents && options.allowBookmarks) bookmark({ 'k8s.io/initial-events-end': 'true' });
  } else for (const event of backlog) deliver(event);

  const heartbeat = setInterval(() => {
    if (options.allowBookmarks) bookmark();
    else if (!res.writableEnded) res.write('\n');
  }, options.heartbeatMs ?? 15_000);
  heartbeat.unref?.();
  const timeoutMs = (options.timeoutSeconds ?? 1800 + Math.floor(Math.random() * 1800)) * 1000;
  const timeout = setTimeout(() => finish(), timeoutMs);
  timeout.unref?.();
  function finish() {
    unsubscribe();
    clearInterval(heartbeat);
    clearTimeout(timeout);
    if (!res.writableEnded) res.end();
  }
  res.on('close', finish);
}
