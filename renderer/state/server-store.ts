// Zustand copy of the host state: replaced by snapshots, advanced by patches, one `set` per message.

import { create } from 'zustand';
import type { HostHealth, StreamMessage } from '../../app/api';
import type { JournalEvent } from '../../app/release';
import { applyPatch, DEFAULT_LIMITS, EMPTY_HOST_COPY, hostCopyFromSnapshot, type HostCopy } from './host-copy';

export interface ServerState extends HostCopy {
  /** Whether the journal can be written, and its corrupt lines; null until the first snapshot. */
  health: HostHealth | null;
  /** Journal pages fetched per service (older than the live journal may hold). */
  history: Record<string, JournalEvent[]>;
  receive(message: StreamMessage): void;
  setHistory(serviceId: string, events: JournalEvent[]): void;
}

export const useServer = create<ServerState>()((set) => ({
  ...EMPTY_HOST_COPY,
  health: null,
  history: {},
  receive: (message) =>
    set((state) =>
      message.type === 'snapshot'
        ? { ...hostCopyFromSnapshot(message.snapshot, DEFAULT_LIMITS), health: message.snapshot.health }
        : { ...applyPatch(state, message.patch, DEFAULT_LIMITS), ...(message.patch.health ? { health: message.patch.health } : {}) },
    ),
  setHistory: (serviceId, events) => set((state) => ({ history: { ...state.history, [serviceId]: events } })),
}));
