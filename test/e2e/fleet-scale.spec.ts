// The fleet at 250 services (the generated scale world of bench/scale/): the filter finds a service in one
// keystroke-driven flow and its release view is beside the list, visible without scrolling; the 200th row's release
// shows the same way; the command palette (Ctrl-K) jumps to a service and runs an action with its confirmation.
import { test, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchControlRoom, type RunningControlRoom } from './launch';

let world: ChildProcess;
let worldDir: string;
let room: RunningControlRoom;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  worldDir = mkdtempSync(join(tmpdir(), 'switchyard-scale-e2e-'));
  // 250 services, 4 servers each (the bench runs 40), 3 releases running.
  world = spawn(process.execPath, [join(process.cwd(), 'out/bench/scale-world.cjs'), '--dir', worldDir, '--servers', '4', '--running', '3'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const workspace = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the scale world did not start:\n${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /workspace: (\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    world.stdout?.on('data', onData);
    world.stderr?.on('data', onData);
  });
  room = await launchControlRoom(['--workspace', workspace, '--operator', 'e2e-operator']);
});

test.afterAll(async () => {
  await room?.stop();
  if (world && world.exitCode === null) {
    const exited = new Promise((r) => world.once('exit', r));
    world.kill('SIGINT');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  }
  rmSync(worldDir, { recursive: true, force: true });
});

async function openFleet(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(room.url);
  await expect(page.getByText('250 services', { exact: true })).toBeVisible({ timeout: 60_000 });
}

const releaseHeading = (page: Page) => page.locator('#release-heading');

test('the filter finds a service by keyboard and its release view is visible without scrolling', async ({ page }) => {
  await openFleet(page);
  // "/" focuses the filter; typing narrows the fleet; Enter selects the first match.
  await page.keyboard.press('/');
  const filter = page.getByRole('searchbox', { name: 'Filter services' });
  await expect(filter).toBeFocused();
  await page.keyboard.type('reviews promo');
  await expect(page.getByText('1 of 250 services', { exact: true })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(releaseHeading(page)).toContainText('Reviews Promo');
  await expect(releaseHeading(page)).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  // Facets: phase: finds the three running releases; Escape clears the filter.
  await filter.fill('phase:progressing');
  await expect(page.getByText('3 of 250 services', { exact: true })).toBeVisible({ timeout: 30_000 });
  await filter.press('Escape');
  await expect(page.getByText('250 services', { exact: true })).toBeVisible();

  // "Unhealthy only": Search Worker's first stable server fails its check, so it is listed; Catalog Api is healthy.
  await page.getByRole('checkbox', { name: 'Unhealthy only' }).check();
  await filter.fill('search worker');
  await expect(page.getByRole('button', { name: 'Search Worker', exact: true })).toBeVisible({ timeout: 30_000 });
  await filter.fill('catalog api');
  await expect(page.getByText('No service matches the filter.')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Unhealthy only' }).uncheck();
  await expect(page.getByRole('button', { name: 'Catalog Api', exact: true })).toBeVisible();
  await filter.fill('');

  // Group by target: one header per target.
  await page.getByRole('combobox', { name: 'Group' }).selectOption('target');
  await page.locator('.fleet-scroll').evaluate((el) => (el.scrollTop = 0));
  await expect(page.getByRole('rowheader', { name: /Target: sandbox-haproxy · 250 services/ })).toBeVisible();
  await page.getByRole('combobox', { name: 'Group' }).selectOption('none');
});

test('selecting the 200th row shows its release beside the list, without scrolling the page', async ({ page }) => {
  await openFleet(page);
  // Scroll the fleet list (not the page) down to the 200th service and click it.
  const row = page.getByRole('button', { name: 'Reviews Promo', exact: true });
  await page.locator('.fleet-scroll').evaluate((el) => (el.scrollTop = 199 * 37));
  await expect(row).toBeVisible();
  await row.click();
  await expect(releaseHeading(page)).toContainText('Reviews Promo');
  await expect(releaseHeading(page)).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  // Only the rows in view are in the DOM.
  expect(await page.locator('tr.service-row').count()).toBeLessThan(80);
});

test('the command palette jumps to a service and runs an action with its confirmation', async ({ page }) => {
  await openFleet(page);
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette.getByRole('combobox', { name: 'Command or service' })).toBeFocused();
  await page.keyboard.type('identity gateway');
  await expect(palette.getByRole('option', { name: /Open Identity Gateway/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(releaseHeading(page)).toContainText('Identity Gateway');
  await expect(releaseHeading(page)).toBeInViewport();

  // Billing Api runs a release (the scenario started it): Rollback from the palette asks to confirm, like the button.
  await expect(page.getByText('3 of 250 services').or(page.getByText('250 services', { exact: true }))).toBeVisible();
  await page.keyboard.press('Control+k');
  // As an operator would: type once the palette is open and its box has the focus.
  await expect(palette.getByRole('combobox', { name: 'Command or service' })).toBeFocused();
  await page.keyboard.type('rollback billing api');
  const rollback = palette.getByRole('option', { name: /Rollback Billing Api/ });
  await expect(rollback).toHaveAttribute('aria-selected', 'true', { timeout: 30_000 });
  await expect(rollback).not.toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', { name: 'Rollback Billing Api?' });
  await expect(confirm).toBeVisible();
  await confirm.getByLabel('Reason').fill('e2e: from the palette');
  await confirm.getByRole('button', { name: 'Confirm rollback', exact: true }).click();
  await expect(releaseHeading(page)).toContainText('Billing Api');
  await expect(page.locator('.release-view').getByText('RolledBack').first()).toBeVisible({ timeout: 30_000 });
});
