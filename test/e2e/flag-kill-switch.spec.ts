// The kill switch pressed by an operator: confirmed in a dialog with a reason, the flag off in the sandbox Unleash,
// the release paused, and the journal says who turned it off and why.
import { test, expect } from '@playwright/test';
import { launchControlRoom, type RunningControlRoom } from './launch';

let room: RunningControlRoom;

test.beforeAll(async () => {
  // At 5× the flag is on at 1 % about 7 s in and stays below 25 % (where its cohort fails) for about 25 s more.
  room = await launchControlRoom(['--scenario', 'flag-rollout', '--speed', '5']);
});
test.afterAll(async () => {
  await room?.stop();
});

test('the operator turns the flag off with the kill switch, after confirming', async ({ page }) => {
  await page.goto(room.url);
  await page.getByRole('button', { name: 'Checkout', exact: true }).click();
  const flags = page.getByRole('region', { name: 'Feature flags' });
  await expect(flags.getByLabel('new-checkout state')).toHaveText(/^on · (1|5) %$/, { timeout: 30_000 });

  await flags.getByRole('button', { name: 'Kill switch: turn new-checkout off' }).click();
  const dialog = page.getByRole('dialog', { name: 'Turn new-checkout off?' });
  await expect(dialog).toBeVisible();
  // Cancel leaves the flag on.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(flags.getByLabel('new-checkout state')).toHaveText(/^on · /);

  await flags.getByRole('button', { name: 'Kill switch: turn new-checkout off' }).click();
  await dialog.getByLabel('Reason (for the journal)').fill('support tickets about the new checkout');
  await dialog.getByRole('button', { name: 'Confirm kill switch' }).click();

  await expect(flags.getByLabel('new-checkout state')).toHaveText(/^off · (1|5) %$/, { timeout: 10_000 });
  await expect(flags.getByRole('button', { name: 'Kill switch: turn new-checkout off' })).toBeDisabled();
  await expect(page.getByText('Phase: Paused')).toBeVisible();
  const journal = page.getByRole('list', { name: 'Journal' });
  const killed = journal.getByRole('listitem').filter({ hasText: 'kill-switch' }).filter({ hasText: 'done' }).first();
  await expect(killed).toContainText('e2e-operator');
  await expect(killed).toContainText('Reason: support tickets about the new checkout');
  await expect(killed).toContainText('→ new-checkout off');
});
