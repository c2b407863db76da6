// What the operator is looking at and doing: selection, confirmation, last action result, connection.

import { create } from 'zustand';
import type { ActionName } from '../../app/api';
import type { ConnectionStatus } from '../transport/types';

export type ConfirmAction = Extract<ActionName, 'promote' | 'rollback'>;

export interface ActionMessage {
  kind: 'status' | 'alert';
  text: string;
  serviceId: string;
  action: ActionName;
}

export interface PendingAction {
  action: ActionName;
  serviceId: string;
}

export function isPending(pending: PendingAction[], action: ActionName, serviceId: string): boolean {
  return pending.some((p) => p.action === action && p.serviceId === serviceId);
}

export interface UiState {
  selectedServiceId: string | null;
  confirm: { action: ConfirmAction; serviceId: string } | null;
  /** Actions sent and not yet answered; the same action on the same service is not sent twice meanwhile. */
  pending: PendingAction[];
  message: ActionMessage | null;
  connection: ConnectionStatus;
  select(serviceId: string): void;
  openConfirm(action: ConfirmAction, serviceId: string): void;
  closeConfirm(): void;
  addPending(pending: PendingAction): void;
  removePending(pending: PendingAction): void;
  setMessage(message: ActionMessage | null): void;
  setConnection(connection: ConnectionStatus): void;
}

export const useUi = create<UiState>()((set) => ({
  selectedServiceId: null,
  confirm: null,
  pending: [],
  message: null,
  connection: { state: 'connecting', detail: null },
  select: (selectedServiceId) => set({ selectedServiceId }),
  openConfirm: (action, serviceId) => set({ confirm: { action, serviceId } }),
  closeConfirm: () => set({ confirm: null }),
  addPending: (pending) => set((s) => ({ pending: [...s.pending, pending] })),
  removePending: (pending) =>
    set((s) => {
      const i = s.pending.findIndex((p) => p.action === pending.action && p.serviceId === pending.serviceId);
      return i === -1 ? s : { pending: s.pending.filter((_, j) => j !== i) };
    }),
  setMessage: (message) => set({ message }),
  setConnection: (connection) => set({ connection }),
}));
