import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { denyAllPermissions, hardenContents } from '../../main/electron/harden';

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
}

function navigate(contents: FakeContents, event: 'will-navigate' | 'will-redirect', url: string): boolean {
  let prevented = false;
  contents.emit(event, { url, preventDefault: () => (prevented = true) });
  return prevented;
}

describe('Electron web contents hardening', () => {
  it('denies every new window', () => {
    const contents = new FakeContents();
    hardenContents(contents as unknown as WebContents);
    expect(contents.openHandler?.({ url: 'app://switchyard/index.html' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('blocks navigation and redirects away from app://switchyard', () => {
    const contents = new FakeContents();
    hardenContents(contents as unknown as WebContents);
    expect(navigate(contents, 'will-navigate', 'app://switchyard/services/checkout')).toBe(false);
    expect(navigate(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'app://switchyard.evil.example/')).toBe(true);
    expect(navigate(contents, 'will-redirect', 'http://127.0.0.1:8080/')).toBe(true);
  });

  it('refuses to attach webviews', () => {
    const contents = new FakeContents();
    hardenContents(contents as unknown as WebContents);
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('denies every permission request and check', () => {
    const handlers: Record<string, (...args: unknown[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: (...args: unknown[]) => unknown) => (handlers.request = h),
      setPermissionCheckHandler: (h: (...args: unknown[]) => unknown) => (handlers.check = h),
      setDevicePermissionHandler: (h: (...args: unknown[]) => unknown) => (handlers.device = h),
    };
    denyAllPermissions(session as unknown as Session);
    let granted: boolean | null = null;
    handlers.request?.({}, 'media', (ok: boolean) => (granted = ok));
    expect(granted).toBe(false);
    expect(handlers.check?.({}, 'notifications')).toBe(false);
    expect(handlers.device?.({})).toBe(false);
  });
});
