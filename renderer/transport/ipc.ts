// Electron: the preload's `window.switchyard` bridge, with every answer validated like any other wire.

import type { ControlRequest, JournalQuery, StreamMessage } from '../../app/api';
import { parseActionResult, parseJournal, parseSnapshot, parseStreamMessage } from './parse';
import type { ConnectionStatus, RendererTransport } from './types';

/** What the preload exposes (see main/electron); answers are typed unknown until validated here. */
export interface SwitchyardBridge {
  snapshot(): Promise<unknown>;
  act(request: ControlRequest): Promise<unknown>;
  journal(query: JournalQuery): Promise<unknown>;
  subscribe(listener: (message: unknown) => void): () => void;
  platform: 'electron';
}

declare global {
  interface Window {
    switchyard?: SwitchyardBridge;
  }
}

export function createIpcTransport(bridge: SwitchyardBridge): RendererTransport {
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  let status: ConnectionStatus = { state: 'connecting', detail: null };

  function setStatus(next: ConnectionStatus): void {
    status = next;
    for (const listener of statusListeners) listener(status);
  }

  return {
    kind: 'ipc',
    snapshot: async () => parseSnapshot(await bridge.snapshot()),
    act: async (request) => parseActionResult(await bridge.act(request)),
    journal: async (query) => parseJournal(await bridge.journal(query)),
    subscribe(listener: (message: StreamMessage) => void) {
      const unsubscribe = bridge.subscribe((raw) => {
        const message = parseStreamMessage(raw);
        if (message === null) {
          setStatus({ state: status.state, detail: 'Ignored a malformed update from the host' });
          return;
        }
        if (status.state !== 'live') setStatus({ state: 'live', detail: null });
        listener(message);
      });
      return () => {
        unsubscribe();
        setStatus({ state: 'closed', detail: null });
      };
    },
    onStatus(listener) {
      statusListeners.add(listener);
      listener(status);
      return () => statusListeners.delete(listener);
    },
  };
}
