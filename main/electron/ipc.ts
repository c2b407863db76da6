// Registers the IPC channels; every message is checked to come from the app's own main frame first.

import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { ControlRoomApi } from '../../app/api';
import { isAppUrl } from './app-origin';
import { IPC, type IpcReply } from './ipc-channels';
import { IpcHandlers } from './ipc-handlers';

const REFUSED: IpcReply<never> = { ok: false, message: 'Refused: IPC is only served to the Switchyard window.' };

export function trustedSender(event: IpcMainEvent | IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

export function registerIpc(api: ControlRoomApi): { dispose(): void } {
  const handlers = new IpcHandlers(api);
  const watched = new Set<number>();

  const watch = (contents: WebContents) => {
    if (watched.has(contents.id)) return;
    watched.add(contents.id);
    const id = contents.id;
    const drop = () => handlers.dropSender(id);
    contents.on('did-navigate', drop);
    contents.on('render-process-gone', drop);
    contents.once('destroyed', () => {
      watched.delete(id);
      drop();
    });
  };

  ipcMain.handle(IPC.snapshot, (event) => (trustedSender(event) ? handlers.snapshot() : REFUSED));
  ipcMain.handle(IPC.act, (event, payload: unknown) => (trustedSender(event) ? handlers.act(payload) : REFUSED));
  ipcMain.handle(IPC.journal, (event, payload: unknown) => (trustedSender(event) ? handlers.journal(payload) : REFUSED));
  ipcMain.on(IPC.subscribe, (event, payload: unknown) => {
    if (!trustedSender(event)) return;
    const contents = event.sender;
    watch(contents);
    const refused = handlers.subscribe(contents.id, payload, (id, message) => {
      if (!contents.isDestroyed()) contents.send(IPC.stream, id, message);
    });
    if (refused) console.warn(`Switchyard: stream subscription refused: ${refused}`);
  });
  ipcMain.on(IPC.unsubscribe, (event, payload: unknown) => {
    if (trustedSender(event)) handlers.unsubscribe(event.sender.id, payload);
  });

  return {
    dispose() {
      for (const channel of [IPC.snapshot, IPC.act, IPC.journal]) ipcMain.removeHandler(channel);
      ipcMain.removeAllListeners(IPC.subscribe);
      ipcMain.removeAllListeners(IPC.unsubscribe);
      handlers.dispose();
    },
  };
}
