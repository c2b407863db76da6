// Environments: the matrix shows staging and production; promoting a version to production is refused before the soak
// (the reason on screen) and starts after it; stopping the line pauses the running release and refuses a start, in the
// UI and in `switchyard status`.
import { test, expect } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchControlRoom, type RunningControlRoom } from './launch';

const root = process.cwd();
const CLI = join(root, 'out', 'main', 'cli.cjs');
let worldDir: string;
let world: ChildProcess;
let room: RunningControlRoom;

// The world runs on its own (as `switchyard sandbox --no-drive`), so `switchyard status` reads the same workspace file.
// Speed 60: production's 10-minute soak takes 10 s.
test.beforeAll(async () => {
  worldDir = mkdtempSync(join(tmpdir(), 'switchyard-e2e-envs-'));
  world = spawn(process.execPath, [CLI, 'sandbox', '--no-drive', '--dir', join(worldDir, 'world'), '--speed', '60', '--scenario', 'environments'], {
    cwd: root,
    env: { ...process.env, SWITCHYARD_DATA_DIR: join(worldDir, 'data') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the sandbox did not start within 30 s:\n${out}`)), 30_000);
    const check = (d: Buffer) => {
      out += d.toString();
      if (/not driving releases/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    world.stdout?.on('data', check);
    world.stderr?.on('data', check);
    world.on('exit', (code) => reject(new Error(`the sandbox exited with ${code}:\n${out}`)));
  });
  room = await launchControlRoom(['--workspace', join(worldDir, 'world', 'switchyard.yaml'), '--operator', 'e2e-operator']);
});
test.afterAll(async () => {
  await room?.stop();
  if (world && world.exitCode === null) {
    const exited = new Promise((r) => world.once('exit', r));
    world.kill('SIGINT');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (world.exitCode === null) world.kill('SIGKILL');
  }
  rmSync(worldDir, { recursive: true, force: true });
});

test('the matrix shows staging and production; Promote to production is refused before the soak and starts after it', async ({ page }) => {
  await page.goto(room.url);
  const matrix = page.getByRole('region', { name: 'Environments' });
  await expect(matrix.getByRole('columnheader', { name: /^staging/ })).toBeVisible();
  await expect(matrix.getByRole('columnheader', { name: /^production.*soak 10 min/ })).toBeVisible();
  await expect(matrix.getByRole('button', { name: /^Orders in production: v2\.0\.3, no release/ })).toBeVisible();

  // Selecting a cell opens that release: Storefront in staging.
  await matrix.getByRole('button', { name: /^Storefront in staging: 2\.3\.0, no release/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^Storefront haproxy/ })).toBeVisible();
  await page.getByRole('button', { name: 'Start release', exact: true }).click();
  await expect(page.getByText('Phase: Progressing')).toBeVisible();
  await page.getByRole('button', { name: 'Promote', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm promote', exact: true }).click();
  await expect(page.getByText('Phase: Promoted')).toBeVisible({ timeout: 20_000 });

  // Production is behind staging now, and offers the promotion.
  await expect(matrix.getByRole('button', { name: /^Storefront in production: 2\.3\.0, no release, health [^,]+, behind staging \(2\.4\.0\)$/ })).toBeVisible();
  const promote = matrix.getByRole('button', { name: 'Promote 2.4.0 to production', exact: true });
  await promote.click();
  await expect(page.getByRole('alert').filter({ hasText: /2\.4\.0 was promoted in staging at [\d:]+ and must soak there 10 min before production/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /^Storefront kubernetes/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Start needs an override' })).toContainText('must soak there 10 min before production');
  // Staging's cell counts the soak down on world time.
  await expect(matrix.getByRole('button', { name: /^Storefront in staging: 2\.4\.0, Promoted, .*soaking for production: \d+ (min|s) left$/ })).toBeVisible();
  if (process.env.SWITCHYARD_SCREENSHOT) await matrix.screenshot({ path: join(root, 'docs', 'environments.png') });

  // After the soak (10 world minutes) the same press starts production's release.
  await expect(async () => {
    await promote.click();
    await expect(page.getByText('Phase: Progressing')).toBeVisible({ timeout: 1500 });
  }).toPass({ timeout: 30_000, intervals: [2000] });
  await expect(matrix.getByRole('button', { name: /^Storefront in production: 2\.3\.0 → 2\.4\.0 \d+ %, Progressing/ })).toBeVisible();
  await expect(matrix.getByRole('button', { name: /^Storefront in staging: 2\.4\.0, Promoted, .*soaked for production$/ })).toBeVisible();
});

test('stop the line pauses the running release in production and refuses a start, in the UI and in switchyard status', async ({ page }) => {
  await page.goto(room.url);
  const matrix = page.getByRole('region', { name: 'Environments' });
  await matrix.getByRole('button', { name: 'Stop the line in production', exact: true }).click();
  await matrix.getByLabel('Why stop the line in production').fill('e2e: payments incident');
  await matrix.getByRole('button', { name: 'Freeze production', exact: true }).click();
  await expect(matrix.getByText('Frozen by e2e-operator: e2e: payments incident')).toBeVisible();
  await expect(matrix.getByRole('status')).toContainText('production frozen: starts are refused until it is unfrozen; paused storefront');

  await matrix.getByRole('button', { name: /^Storefront in production/ }).click();
  await expect(page.getByText('Phase: Paused')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeDisabled();
  // Its journal has the stop of its environment (who, why) and the pause it caused.
  const journal = page.getByRole('list', { name: 'Journal' });
  await expect(journal.getByText('freeze', { exact: true }).first()).toBeVisible();
  await expect(journal.getByText('Reason: stop the line: e2e: payments incident').first()).toBeVisible();

  await matrix.getByRole('button', { name: /^Orders in production/ }).click();
  const start = page.getByRole('button', { name: 'Start release', exact: true });
  await expect(start).toBeDisabled();
  await expect(start).toHaveAccessibleDescription(/^production is frozen: e2e-operator stopped the line at [\d:]+ \(e2e: payments incident\)/);

  const status = spawnSync(process.execPath, [CLI, 'status', '--workspace', join(worldDir, 'world', 'switchyard.yaml')], {
    cwd: root,
    env: { ...process.env, SWITCHYARD_DATA_DIR: room.dataDir },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(status.stdout).toMatch(/^storefront@production +kubernetes +2\.3\.0 +2\.4\.0 +Paused/m);
  expect(status.stdout).toMatch(/^environment production: frozen by e2e-operator at \S+ \(e2e: payments incident\)/m);
});
