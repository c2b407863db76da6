// IPC channel names and reply shape shared by the Electron main process and the preload (no runtime dependencies).

export const IPC = {
  snapshot: 'sy:snapshot',
  act: 'sy:act',
  journal: 'sy:journal',
  /** renderer → main, payload: subscription id (positive integer) */
  subscribe: 'sy:subscribe',
  /** renderer → main, payload: subscription id */
  unsubscribe: 'sy:unsubscribe',
  /** main → renderer, payload: (subscription id, StreamMessage) */
  stream: 'sy:stream',
} as const;

/** Errors travel as values: an exception thrown in main would reach the renderer stripped of its message. */
export type IpcReply<T> = { ok: true; value: T } | { ok: false; message: string };
