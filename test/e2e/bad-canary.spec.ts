// The bad-canary scenario: nobody touches anything, and the error-rate rule rolls the canary back on its own.
import { test, expect } from '@playwright/test';
import { launchControlRoom, type RunningControlRoom } from './launch';

let room: RunningControlRoom;

test.beforeAll(async () => {
  // At 30× the rule's 2-minute window closes after 4 s of wall time.
  room = await launchControlRoom(['--scenario', 'bad-canary', '--speed', '30']);
});
test.afterAll(async () => {
  await room?.stop();
});

test('the error-rate rule rolls the bad canary back by itself, and says why', async ({ page }) => {
  await page.goto(room.url);
  const row = page.locator('tr[data-service-id="checkout"]');
  await expect(row.getByText('RolledBack')).toBeVisible({ timeout: 60_000 });
  await expect(row.getByRole('img', { name: /^Traffic split:/ })).toHaveAttribute('aria-label', 'Traffic split: 1.4.2 100%, 1.5.0 0%');

  await page.getByRole('button', { name: 'Checkout', exact: true }).click();
  await expect(page.getByText('Phase: RolledBack')).toBeVisible();
  const firing = page.getByRole('region', { name: /Rule error-rate fired/ });
  await expect(firing).toBeVisible();
  await expect(firing).toContainText('1.5.0');

  const journal = page.getByRole('list', { name: 'Journal' });
  const autoRollback = journal.getByRole('listitem').filter({ hasText: 'auto-rollback' }).filter({ hasText: 'done' }).first();
  await expect(autoRollback).toBeVisible();
  await expect(autoRollback).toContainText('auto');
  await expect(autoRollback).toContainText('error-rate');
});
