// What each IPC channel does, independent of Electron: payload validation, errors as values, subscriptions.

import { z } from 'zod';
import { controlRequestSchema, journalQuerySchema, type ActionResult, type ControlRoomApi, type Snapshot, type StreamMessage } from '../../app/api';
import type { JournalEvent } from '../../app/release';
import { unconfirmed } from '../web/confirmation';
import { describeInvalid } from '../web/invalid-payload';
import type { IpcReply } from './ipc-channels';

const subscriptionId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const MAX_SUBSCRIPTIONS_PER_SENDER = 32;

export type StreamSend = (subscription: number, message: StreamMessage) => void;

function failure(error: unknown): { ok: false; message: string } {
  return { ok: false, message: error instanceof Error ? error.message : String(error) };
}

export class IpcHandlers {
  private readonly subscriptions = new Map<number, Map<number, () => void>>();

  constructor(private readonly api: ControlRoomApi) {}

  async snapshot(): Promise<IpcReply<Snapshot>> {
    try {
      return { ok: true, value: await this.api.snapshot() };
    } catch (error) {
      return failure(error);
    }
  }

  async act(payload: unknown): Promise<IpcReply<ActionResult>> {
    const parsed = controlRequestSchema.safeParse(payload);
    if (!parsed.success) return { ok: true, value: { ok: false, outcome: 'refused', message: describeInvalid('action request', parsed.error), release: null } };
    try {
      return { ok: true, value: unconfirmed(parsed.data) ?? (await this.api.act(parsed.data)) };
    } catch (error) {
      return failure(error);
    }
  }

  async journal(payload: unknown): Promise<IpcReply<JournalEvent[]>> {
    const parsed = journalQuerySchema.safeParse(payload ?? {});
    if (!parsed.success) return { ok: false, message: describeInvalid('journal query', parsed.error) };
    try {
      return { ok: true, value: await this.api.journal(parsed.data) };
    } catch (error) {
      return failure(error);
    }
  }

  /** Returns an error message when the request is refused. */
  subscribe(senderId: number, payload: unknown, send: StreamSend): string | null {
    const parsed = subscriptionId.safeParse(payload);
    if (!parsed.success) return describeInvalid('subscription id', parsed.error);
    const id = parsed.data;
    const mine = this.subscriptions.get(senderId) ?? new Map<number, () => void>();
    if (mine.has(id)) return `Subscription ${id} already exists`;
    if (mine.size >= MAX_SUBSCRIPTIONS_PER_SENDER) return `At most ${MAX_SUBSCRIPTIONS_PER_SENDER} stream subscriptions per window`;
    mine.set(id, this.api.subscribe((message) => send(id, message)));
    this.subscriptions.set(senderId, mine);
    return null;
  }

  unsubscribe(senderId: number, payload: unknown): void {
    const parsed = subscriptionId.safeParse(payload);
    if (!parsed.success) return;
    const mine = this.subscriptions.get(senderId);
    const unsubscribe = mine?.get(parsed.data);
    if (!mine || !unsubscribe) return;
    mine.delete(parsed.data);
    unsubscribe();
  }

  /** The sender's page went away (navigation, crash, window closed). */
  dropSender(senderId: number): void {
    const mine = this.subscriptions.get(senderId);
    this.subscriptions.delete(senderId);
    for (const unsubscribe of mine?.values() ?? []) unsubscribe();
  }

  subscriptionCount(senderId: number): number {
    return this.subscriptions.get(senderId)?.size ?? 0;
  }

  dispose(): void {
    for (const senderId of [...this.subscriptions.keys()]) this.dropSender(senderId);
  }
}
