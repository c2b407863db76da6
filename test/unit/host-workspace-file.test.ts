import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkspaceFile, parseWorkspaceText, WorkspaceError } from '../../main/host/workspace-file';
import { workspaceStateDir } from '../../main/host/state-dir';

const valid = `
name: shop
targets:
  - id: edge
    platform: haproxy
    runtimeApi: tcp://127.0.0.1:9999
    services:
      - id: checkout
        backend: be_checkout
        stable: v1
        candidate: v2
        versions:
          v1: [checkout-v1-1]
          v2: [checkout-v2-1]
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sy-ws-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('workspace file', () => {
  it('loads a valid workspace with defaults filled in', async () => {
    const path = join(dir, 'switchyard.yaml');
    writeFileSync(path, valid);
    const ws = await loadWorkspaceFile(path);
    expect(ws.name).toBe('shop');
    expect(ws.targets[0]?.services[0]).toMatchObject({ strategy: 'canary', optional: true });
    expect(ws.sandbox).toBeNull();
  });

  it('names the file and the field path of a bad value', () => {
    const bad = valid.replace('tcp://127.0.0.1:9999', 'http://127.0.0.1:9999');
    expect(() => parseWorkspaceText(bad, 'switchyard.yaml')).toThrow(
      'switchyard.yaml: targets.0.runtimeApi: expected tcp://HOST:PORT or unix:///PATH',
    );
  });

  it('names every problem, and the line of a YAML syntax error', () => {
    const twoProblems = valid.replace('name: shop', 'name: "my shop"').replace('backend: be_checkout', 'backend: ""');
    try {
      parseWorkspaceText(twoProblems, 'ws.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(WorkspaceError);
      const lines = (error as Error).message.split('\n');
      expect(lines).toContain('ws.yaml: name: use letters, digits, ".", "_" or "-"');
      expect(lines.some((l) => l.startsWith('ws.yaml: targets.0.services.0.backend: '))).toBe(true);
    }
    expect(() => parseWorkspaceText('name: [unclosed\n', 'ws.yaml')).toThrow(/^ws\.yaml:\d+:\d+: /);
    expect(() => parseWorkspaceText('', 'ws.yaml')).toThrow('ws.yaml: the file is empty');
  });

  it('reads a file it parsed before from the cache, the same workspace; a changed file is parsed again', async () => {
    const path = join(dir, 'switchyard.yaml');
    const cacheDir = join(dir, 'cache');
    writeFileSync(path, valid);
    const plain = await loadWorkspaceFile(path);
    expect(await loadWorkspaceFile(path, { cacheDir })).toEqual(plain);
    expect(readdirSync(cacheDir)).toHaveLength(1);
    expect(await loadWorkspaceFile(path, { cacheDir })).toEqual(plain);
    writeFileSync(path, valid.replace('name: shop', 'name: shop-eu'));
    expect((await loadWorkspaceFile(path, { cacheDir })).name).toBe('shop-eu');
    // One entry per workspace file; a bad value is refused from the cache as from the file.
    expect(readdirSync(cacheDir)).toHaveLength(1);
    writeFileSync(path, valid.replace('stable: v1', 'stable: 7'));
    await expect(loadWorkspaceFile(path, { cacheDir })).rejects.toThrow(/stable/);
    await expect(loadWorkspaceFile(path, { cacheDir })).rejects.toThrow(/stable/);
  });

  it('keeps in the cache only what JSON keeps exactly, and parses the file again when the cache is unreadable', async () => {
    const path = join(dir, 'switchyard.yaml');
    const cacheDir = join(dir, 'cache');
    writeFileSync(path, valid.replace('name: shop', 'name: shop\nnote: .inf'));
    await expect(loadWorkspaceFile(path, { cacheDir })).resolves.toMatchObject({ name: 'shop' });
    expect(readdirSync(join(dir)).includes('cache') ? readdirSync(cacheDir) : []).toHaveLength(0);
    writeFileSync(path, valid);
    await loadWorkspaceFile(path, { cacheDir });
    for (const entry of readdirSync(cacheDir)) writeFileSync(join(cacheDir, entry), '{ not json');
    expect((await loadWorkspaceFile(path, { cacheDir })).name).toBe('shop');
  });

  it('says how to get a workspace when the file is missing', async () => {
    await expect(loadWorkspaceFile(join(dir, 'nope.yaml'))).rejects.toThrow(/nope\.yaml: no such workspace file \(pass --workspace PATH, or run "switchyard sandbox"/);
  });

  it('keeps each workspace file in its own state directory', () => {
    const a = workspaceStateDir('/data', 'shop', join(dir, 'a.yaml'));
    const b = workspaceStateDir('/data', 'shop', join(dir, 'b.yaml'));
    expect(a).toMatch(/^\/data\/workspaces\/shop-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    expect(workspaceStateDir('/data', 'shop', null)).toBe('/data/workspaces/shop-embedded');
  });
});
