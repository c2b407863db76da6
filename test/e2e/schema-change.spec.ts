// The schema-change scenario on a real PostgreSQL: the contract gate's conditions tick over as 1.9.0 drains, the
// contract runs on its own, and Rollback then says "unsafe: roll forward" before it is pressed.
import { test, expect } from '@playwright/test';
import { existsSync } from 'node:fs';
import { launchControlRoom, type RunningControlRoom } from './launch';

let room: RunningControlRoom;
const havePostgres = Boolean(process.env.SWITCHYARD_PG_BIN) || existsSync('/usr/lib/postgresql');

test.beforeAll(async () => {
  if (!havePostgres) return;
  room = await launchControlRoom(['--scenario', 'schema-change', '--speed', '2', '--operator', 'e2e-operator']);
});
test.afterAll(async () => {
  await room?.stop();
});

test('the contract waits for the old version to drain, runs, and makes Rollback unsafe', async ({ page }) => {
  test.skip(!havePostgres, 'PostgreSQL server binaries are not installed (apt-get install postgresql)');
  await page.goto(room.url);
  await page.getByRole('button', { name: 'Profiles', exact: true }).first().click();

  const schema = page.getByRole('region', { name: /^Schema/ });
  await expect(schema).toBeVisible();
  const migrations = schema.getByRole('list', { name: 'Migrations' });
  // The scenario starts the release; the expand runs before any traffic moves.
  await expect(migrations).toContainText(/customers-full-name — (expanded at 2\.0\.0|backfilling|migrated)/, { timeout: 30_000 });

  const gate = schema.getByRole('list', { name: 'Contract gate of customers-full-name' });
  const drained = gate.locator('[data-condition="drained"]');
  const sessions = gate.locator('[data-condition="sessions"]');
  const promoted = gate.locator('[data-condition="promoted"]');
  // While 1.9.0 serves, nothing of the gate is met but what the release has done.
  await expect(drained).toHaveAttribute('data-ok', 'no');
  await expect(drained).toContainText(/1\.9\.0 (has traffic|quiet for [\d.]+ s)/);
  await expect(sessions).toHaveAttribute('data-ok', 'no');
  await expect(sessions).toContainText('profiles@1.9.0: 1 open');
  await expect(promoted).toHaveAttribute('data-ok', 'no');

  // The backfill ran; all traffic on 2.0.0; the contract waits while 1.9.0 drains.
  await expect(promoted).toHaveAttribute('data-ok', 'yes', { timeout: 30_000 });
  await expect(migrations).toContainText('migrated (5,000 rows)');
  const rollback = page.getByRole('button', { name: 'Rollback', exact: true });
  await expect(rollback).toBeEnabled();
  // The pool's idle session closes first, then 1.9.0's last keep-alive requests leave the window.
  await expect(sessions).toHaveAttribute('data-ok', 'yes', { timeout: 30_000 });
  await expect(sessions).toContainText('none open');
  // 1.9.0's last requests are behind it: the drain condition counts its quiet time up to the window.
  await expect(drained).toContainText(/1\.9\.0 quiet for [\d.]+ s/, { timeout: 30_000 });

  // The gate opens and the contract runs on its own; the plan waits at its last gate.
  await expect(migrations).toContainText('customers-full-name — contracted at 2.0.0', { timeout: 30_000 });
  await expect(page.getByText('Phase: Paused')).toBeVisible();
  await expect(rollback).toBeDisabled();
  await expect(rollback).toHaveAttribute('title', /unsafe: roll forward — migration customers-full-name was contracted at 2\.0\.0; 1\.9\.0 is older than 2\.0\.0/);

  // The journal says what ran, by whom.
  const journal = page.getByRole('list', { name: 'Journal' });
  await expect(journal.getByText(/Contract schema: customers-full-name done/).first()).toBeVisible();
});
