// Zustand mirror of the host: replaced by snapshots, advanced by patches, one `set` per message.

import { create } from 'zustand';
import type { HostHealth, StreamMessage } from '../../app/api';
import type { JournalEvent } from '../../app/release';
import { applyPatch, DEFAULT_LIMITS, EMPTY_MIRROR, mirrorFromSnapshot, type Mirror } from './mirror';

export interface ServerState extends Mirror {
  /** Whether the journal can be written, and its corrupt lines; null until the first snapshot. */
  health: HostHealth | null;
  /** Journal pages fetched per service (older than the live journal may hold). */
  history: Record<string, JournalEvent[]>;
  receive(message: StreamMessage): void;
  setHistory(serviceId: string, events: JournalEvent[]): void;
}

export const useServer = create<ServerState>()((set) => ({
  ...EMPTY_MIRROR,
  health: null,
  history: {},
  receive: (message) =>
    set((state) =>
      message.type === 'snapshot'
        ? { ...mirrorFromSnapshot(message.snapshot, DEFAULT_LIMITS), health: message.snapshot.health }
        : { ...applyPatch(state, message.patch, DEFAULT_LIMITS), ...(message.patch.health ? { health: message.patch.health } : {}) },
    ),
  setHistory: (serviceId, events) => set((state) => ({ history: { ...state.history, [serviceId]: events } })),
}));
