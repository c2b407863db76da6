// Shows OS notifications for alerts from the host's stream; clicking one brings the window forward.

import { Notification, type BrowserWindow } from 'electron';
import type { ControlRoomApi } from '../../app/api';
import { AlertTracker } from './alerts';

export function startNotifications(api: ControlRoomApi, window: () => BrowserWindow | null): () => void {
  const tracker = new AlertTracker();
  return api.subscribe((message) => {
    if (!Notification.isSupported()) return;
    for (const alert of tracker.alertsFor(message)) {
      const notification = new Notification({ title: alert.title, body: alert.body });
      notification.on('click', () => {
        const win = window();
        if (!win) return;
        if (win.isMinimized()) win.restore();
        win.focus();
      });
      notification.show();
    }
  });
}
