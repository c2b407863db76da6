import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packageRoot } from '../../main/package-root';

let tmp: string | null = null;
afterEach(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
  tmp = null;
});

describe('packageRoot', () => {
  it('finds the switchyard package from the test directory', () => {
    expect(packageRoot()).toBe(resolve(__dirname, '../..'));
  });

  it('skips package.json files of other packages on the way up (as in out/main of a build)', async () => {
    tmp = await mkdtemp(join(tmpdir(), 'switchyard-root-'));
    await writeFile(join(tmp, 'package.json'), JSON.stringify({ name: 'switchyard' }));
    const nested = join(tmp, 'node_modules', 'other', 'out', 'main');
    await mkdir(nested, { recursive: true });
    await writeFile(join(tmp, 'node_modules', 'other', 'package.json'), JSON.stringify({ name: 'other' }));
    expect(packageRoot(nested)).toBe(tmp);
  });

  it('says where it looked when there is no switchyard package', async () => {
    tmp = await mkdtemp(join(tmpdir(), 'switchyard-root-'));
    expect(() => packageRoot(tmp!)).toThrow(/Could not find the switchyard package/);
  });
});
