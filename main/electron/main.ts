// The Electron shell: one window on app://switchyard, the host in this process, IPC as the only bridge.

import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import { app, dialog, session } from 'electron';
import { launchHost, type LaunchedHost } from '../launch-host';
import { parseLaunchArgs } from '../launcher-args';
import { packageRoot } from '../package-root';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { denyAllPermissions, hardenContents } from './harden';
import { registerIpc } from './ipc';
import { startNotifications } from './notifications';
import { createMainWindow } from './window';

let mainWindow: BrowserWindow | null = null;

function fail(title: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`switchyard: ${message}`);
  dialog.showErrorBox(title, message);
  app.exit(1);
}

function focusWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function start(): Promise<void> {
  // argv also holds the app path and Chromium switches; only our own flags are read.
  const parsed = parseLaunchArgs(process.argv.slice(1), { ignoreUnknown: true });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  // Deep links and second launches are untrusted input: a second launch only brings the window forward.
  app.on('second-instance', focusWindow);
  await app.whenReady();
  if (!parsed.ok) return fail('Switchyard: bad command line', new Error(parsed.message));

  denyAllPermissions(session.defaultSession);
  serveRenderer(join(packageRoot(), 'out', 'renderer'));

  let room: LaunchedHost;
  try {
    room = await launchHost(parsed.options);
  } catch (error) {
    return fail('Switchyard could not start', error);
  }
  const ipc = registerIpc(room.api);
  const stopNotifications = startNotifications(room.api, () => mainWindow);

  const openWindow = () => {
    mainWindow = createMainWindow(join(__dirname, 'preload.cjs'));
    mainWindow.on('closed', () => (mainWindow = null));
  };
  openWindow();
  app.on('activate', () => {
    if (!mainWindow) openWindow();
  });
  app.on('window-all-closed', () => app.quit());

  let stopping = false;
  app.on('will-quit', (event) => {
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    stopNotifications();
    ipc.dispose();
    room.close().then(
      () => app.exit(0),
      (error: unknown) => {
        console.error(`switchyard: shutting down failed: ${error instanceof Error ? error.message : String(error)}`);
        app.exit(1);
      },
    );
  });
}

// Every renderer is sandboxed, whatever a window's own preferences say.
app.enableSandbox();
registerAppScheme();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start().catch((error: unknown) => fail('Switchyard could not start', error));
}
