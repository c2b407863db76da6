// Electron's preload bridge when present, else HTTP + WebSocket at the page's own origin.

import { createHttpTransport } from './http';
import { createIpcTransport } from './ipc';
import type { RendererTransport } from './types';

export function pickTransport(win: Window = window): RendererTransport {
  if (win.switchyard !== undefined) return createIpcTransport(win.switchyard);
  return createHttpTransport({ origin: win.location.origin });
}
