// The renderer's only door to main: window.switchyard. ipcRenderer itself is never exposed.

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ActionResult, ControlRequest, JournalQuery, Snapshot, StreamMessage } from '../../app/api';
import type { JournalEvent } from '../../app/release';
import { IPC, type IpcReply } from './ipc-channels';

async function call<T>(channel: string, payload?: unknown): Promise<T> {
  const reply = (await ipcRenderer.invoke(channel, payload)) as IpcReply<T>;
  if (!reply.ok) throw new Error(reply.message);
  return reply.value;
}

const listeners = new Map<number, (message: StreamMessage) => void>();
let nextSubscription = 1;

ipcRenderer.on(IPC.stream, (_event: IpcRendererEvent, id: unknown, message: unknown) => {
  if (typeof id === 'number') listeners.get(id)?.(message as StreamMessage);
});

contextBridge.exposeInMainWorld('switchyard', {
  snapshot: (): Promise<Snapshot> => call<Snapshot>(IPC.snapshot),
  act: (request: ControlRequest): Promise<ActionResult> =>
    call<ActionResult>(IPC.act, request).catch((error: unknown) => ({
      ok: false,
      outcome: 'failed' as const,
      message: error instanceof Error ? error.message : String(error),
      release: null,
    })),
  journal: (query: JournalQuery = {}): Promise<JournalEvent[]> => call<JournalEvent[]>(IPC.journal, query),
  subscribe: (listener: (message: StreamMessage) => void): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('switchyard.subscribe expects a function');
    const id = nextSubscription++;
    listeners.set(id, listener);
    ipcRenderer.send(IPC.subscribe, id);
    return () => {
      if (listeners.delete(id)) ipcRenderer.send(IPC.unsubscribe, id);
    };
  },
  platform: 'electron',
});
