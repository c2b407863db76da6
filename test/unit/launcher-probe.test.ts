import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { failureDetail, probeElectron, probeFromOutput } from '../../main/electron-probe';

// What `require('electron')` printed on a machine without internet (electron 45).
const OFFLINE_STDERR = `TypeError: fetch failed
/work/main/node_modules/electron/index.js:43
      throw new Error(
      ^

Error: Electron failed to install correctly. Please delete \`node_modules/electron\` and run "npx install-electron --no" manually.
    at getElectronPath (/work/main/node_modules/electron/index.js:43:13)
    at [eval]:1:22

Node.js v24.21.0`;

describe('reading the Electron probe output', () => {
  it('picks the network cause out of a failed download', () => {
    expect(failureDetail(OFFLINE_STDERR)).toBe('fetch failed');
    expect(failureDetail('npm warn config\nRequestError: getaddrinfo ENOTFOUND github.com\n    at x (y.js:1:1)')).toBe('getaddrinfo ENOTFOUND github.com');
    expect(failureDetail('')).toBe('no details were printed');
  });

  it('finds the path after the download chatter on stdout', () => {
    const probe = probeFromOutput(
      { code: 0, stdout: 'Downloading Electron binary...\n@@switchyard-electron-path@@/opt/e/electron', stderr: '', timedOut: false, timeoutSeconds: 60 },
      (path) => path === '/opt/e/electron',
    );
    expect(probe).toEqual({ status: 'ready', path: '/opt/e/electron' });
  });

  it('tells a missing package from a failed download', () => {
    const missing = probeFromOutput({ code: 1, stdout: '', stderr: "Error: Cannot find module 'electron'", timedOut: false, timeoutSeconds: 60 });
    expect(missing).toEqual({ status: 'missing-package' });
    const offline = probeFromOutput({ code: 1, stdout: 'Downloading Electron binary...\n', stderr: OFFLINE_STDERR, timedOut: false, timeoutSeconds: 60 });
    expect(offline).toEqual({ status: 'download-failed', detail: 'fetch failed' });
  });
});

describe('probing in a child process', () => {
  let dir: string | null = null;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = null;
  });

  async function fakeElectron(indexJs: string): Promise<string> {
    dir = await mkdtemp(join(tmpdir(), 'switchyard-probe-'));
    await mkdir(join(dir, 'node_modules', 'electron'), { recursive: true });
    await writeFile(join(dir, 'node_modules', 'electron', 'index.js'), indexJs);
    return dir;
  }

  it('returns the runtime path when the package resolves it', async () => {
    const cwd = await fakeElectron('module.exports = __filename;');
    expect(await probeElectron({ cwd })).toEqual({ status: 'ready', path: join(cwd, 'node_modules', 'electron', 'index.js') });
  });

  it('reports the download error when the package cannot fetch the runtime', async () => {
    const cwd = await fakeElectron(
      'console.log("Downloading Electron binary..."); console.error("RequestError: getaddrinfo ENOTFOUND github.com"); throw new Error("Electron failed to install correctly.");',
    );
    expect(await probeElectron({ cwd })).toEqual({ status: 'download-failed', detail: 'getaddrinfo ENOTFOUND github.com' });
  });

  it('reports a missing package', async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchyard-probe-'));
    expect(await probeElectron({ cwd: dir })).toEqual({ status: 'missing-package' });
  });

  it('gives up on a download that hangs', async () => {
    const cwd = await fakeElectron('setInterval(() => {}, 1000);');
    expect(await probeElectron({ cwd, timeoutMs: 300 })).toEqual({ status: 'timeout', seconds: 1 });
  });
});
