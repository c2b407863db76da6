import { describe, expect, it } from 'vitest';
import { decideMode, modeFromProbe, type ElectronProbe } from '../../main/launcher-mode';

const ready: ElectronProbe = { status: 'ready', path: '/opt/electron/electron' };
const neverProbe = () => Promise.reject(new Error('the probe should not run'));

describe('launcher mode decision', () => {
  it('uses the Electron window when a display and the runtime are there', async () => {
    const decision = await decideMode({ web: false, platform: 'linux', env: { DISPLAY: ':0' } }, async () => ready);
    expect(decision).toEqual({ mode: 'electron', electronPath: '/opt/electron/electron' });
    expect(await decideMode({ web: false, platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' } }, async () => ready)).toEqual(decision);
  });

  it('serves the browser when --web is given, without looking for Electron', async () => {
    const decision = await decideMode({ web: true, platform: 'darwin', env: {} }, neverProbe);
    expect(decision).toEqual({ mode: 'browser', reason: 'Browser mode: --web was given; serving the control room in your browser.' });
  });

  it('serves the browser on Linux without a display, without looking for Electron', async () => {
    const decision = await decideMode({ web: false, platform: 'linux', env: {} }, neverProbe);
    expect(decision.mode).toBe('browser');
    expect(decision.mode === 'browser' && decision.reason).toBe(
      'Browser mode: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set); serving the control room in your browser instead.',
    );
  });

  it('does not require DISPLAY on macOS and Windows', async () => {
    expect((await decideMode({ web: false, platform: 'darwin', env: {} }, async () => ready)).mode).toBe('electron');
    expect((await decideMode({ web: false, platform: 'win32', env: {} }, async () => ready)).mode).toBe('electron');
  });

  it('explains a runtime that could not be downloaded, quoting the cause', () => {
    expect(modeFromProbe({ status: 'download-failed', detail: 'getaddrinfo ENOTFOUND github.com' })).toEqual({
      mode: 'browser',
      reason:
        'Browser mode: the Electron runtime is not installed and could not be downloaded (getaddrinfo ENOTFOUND github.com); serving the control room in your browser instead.',
    });
  });

  it('explains a timeout, a missing package and a missing binary', () => {
    const reason = (probe: ElectronProbe) => {
      const d = modeFromProbe(probe);
      return d.mode === 'browser' ? d.reason : '';
    };
    expect(reason({ status: 'timeout', seconds: 60 })).toContain('took longer than 60 s');
    expect(reason({ status: 'missing-package' })).toContain('the electron package is not installed');
    expect(reason({ status: 'not-found', path: '/x/electron' })).toContain('missing at /x/electron');
  });
});
