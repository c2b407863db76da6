// What the operator is looking at and doing: selection, confirmation, last action result, connection.

import { create } from 'zustand';
import type { ActionName, ActionRequest } from '../../app/api';
import type { ReleaseAction } from '../domain/action-offer';
import type { ConnectionStatus } from '../transport/types';

/** An action waiting in the confirmation dialog, with what the operator saw when they asked for it. */
export interface ConfirmRequest {
  action: ReleaseAction;
  serviceId: string;
  expect: ActionRequest['expect'];
}

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
  confirm: ConfirmRequest | null;
  /** Actions sent and not yet answered; the same action on the same service is not sent twice meanwhile. */
  pending: PendingAction[];
  message: ActionMessage | null;
  connection: ConnectionStatus;
  select(serviceId: string): void;
  openConfirm(confirm: ConfirmRequest): void;
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
  openConfirm: (confirm) => set({ confirm }),
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
