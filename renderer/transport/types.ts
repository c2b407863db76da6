// What the renderer needs from a transport beyond the control-room API: how the link is doing.

import type { ControlRoomApi } from '../../app/api';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'closed';

export interface ConnectionStatus {
  state: ConnectionState;
  /** Why the link is not live, or a note such as an ignored malformed update. */
  detail: string | null;
}

export interface RendererTransport extends ControlRoomApi {
  readonly kind: 'http' | 'ipc';
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}
