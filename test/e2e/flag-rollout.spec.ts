// The flag-rollout scenario: the flag ramps in the sandbox Unleash, its "on" cohort fails at 25 %, and the rule on that
// cohort fires the kill switch on its own; the journal names the rule, the cohort and the observed values.
import { test, expect } from '@playwright/test';
import { launchControlRoom, type RunningControlRoom } from './launch';

let room: RunningControlRoom;

test.beforeAll(async () => {
  // At 30× the ramp reaches 25 % about 6 s in, and the cohort rule's 30 s window closes 1 s later.
  room = await launchControlRoom(['--scenario', 'flag-rollout', '--speed', '30']);
});
test.afterAll(async () => {
  await room?.stop();
});

test('the flag ramps, and the rule on its "on" cohort switches it off by itself', async ({ page }) => {
  await page.goto(room.url);
  await page.getByRole('button', { name: 'Checkout', exact: true }).click();

  const flags = page.getByRole('region', { name: 'Feature flags' });
  // The ramp is visible: the flag's state while it ramps, and its line on the split chart.
  await expect(flags.getByLabel('new-checkout state')).toHaveText(/^on · (1|5|25) %$/, { timeout: 30_000 });
  await expect(page.getByText('Traffic split over time and flag ramp (new-checkout)')).toBeVisible();
  await expect(page.locator('.recharts-legend-item-text', { hasText: 'flag new-checkout' })).toBeVisible();
  await expect(flags.getByRole('button', { name: 'Kill switch: turn new-checkout off' })).toBeVisible();

  // The kill switch fires on its own at 25 %.
  await expect(flags.getByLabel('new-checkout state')).toHaveText('off · 25 %', { timeout: 60_000 });
  await expect(flags).toContainText('changed by sandbox');
  await expect(page.getByText('Phase: Paused')).toBeVisible();
  const firing = page.getByRole('region', { name: /Rule new-checkout-errors fired .* turned new-checkout off \(kill switch\)/ });
  await expect(firing).toContainText('the "on" cohort of new-checkout');

  const journal = page.getByRole('list', { name: 'Journal' });
  const killed = journal.getByRole('listitem').filter({ hasText: 'kill-switch' }).filter({ hasText: 'done' }).first();
  await expect(killed).toBeVisible();
  await expect(killed).toContainText('auto');
  await expect(killed).toContainText('Rule new-checkout-errors fired');
  await expect(killed).toContainText(/on the "on" cohort of new-checkout; observed [\d.]+%(, [\d.]+%)* \(worst [\d.]+%\)/);
  await expect(killed).toContainText('new-checkout on (25%) → new-checkout off (25%) in production (read back)');
  // The ramp, step by step, each percentage read back from the sandbox Unleash.
  for (const [from, to] of [['1%', '5%'], ['5%', '25%']]) {
    await expect(journal.getByRole('listitem').filter({ hasText: `new-checkout on (${from}) → new-checkout on (${to}) in production (read back)` }).first()).toBeVisible();
  }
});
