// Release day: a start the engine takes only with an override is not lit as Start release; the override panel offers it.
import { test, expect } from '@playwright/test';
import { launchControlRoom, type RunningControlRoom } from './launch';

let room: RunningControlRoom;

test.beforeAll(async () => {
  room = await launchControlRoom(['--scenario', 'release-day', '--operator', 'e2e-operator']);
});
test.afterAll(async () => {
  await room?.stop();
});

test('an unticked checklist keeps Start release disabled with the reason; the override panel starts it', async ({ page }) => {
  await page.goto(room.url);
  await page.getByRole('button', { name: 'Checkout', exact: true }).first().click();
  await expect(page.getByRole('region', { name: /Pre-flight checklist/ })).toContainText('0 of 5 ticked');

  // The reason is the engine's: the same words the host answers a start with.
  const start = page.getByRole('button', { name: 'Start release', exact: true });
  await expect(start).toBeDisabled();
  await expect(start).toHaveAccessibleDescription(/^Checkout cannot start: 5 pre-flight checklist items are not ticked: .*Tick the checklist, or start with an override and a reason$/);

  const override = page.getByRole('region', { name: 'Start needs an override' });
  await expect(override.getByRole('listitem').first()).toContainText('5 pre-flight checklist items are not ticked');
  const submit = override.getByRole('button', { name: 'Start with override' });
  await expect(submit).toBeDisabled();
  await override.getByLabel('Override reason').fill('e2e: the fix must go out before the sale');
  await submit.click();

  await expect(page.getByText('Phase: Progressing')).toBeVisible();
  await expect(override).toBeHidden();
  // A running release: no Start release beside it, and its actions lit as the engine allows them.
  await expect(start).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeDisabled();
  const journal = page.getByRole('list', { name: 'Journal' });
  await expect(journal.getByText('e2e: the fix must go out before the sale').first()).toBeVisible();
});
