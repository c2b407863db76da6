// An operator ticks the pre-flight checklist, sees the frozen error budget block a start, and overrides it with a reason.
import { test, expect } from '@playwright/test';
import { launchControlRoom, type RunningControlRoom } from './launch';

let room: RunningControlRoom;

test.beforeAll(async () => {
  room = await launchControlRoom(['--scenario', 'release-day', '--speed', '60', '--operator', 'e2e-operator']);
});
test.afterAll(async () => {
  await room?.stop();
});

test('tick the checklist, then start a frozen release with an override and a reason', async ({ page }) => {
  await page.goto(room.url);
  await page.getByRole('button', { name: 'Search', exact: true }).first().click();

  const checklist = page.getByRole('region', { name: /Pre-flight checklist/ });
  await expect(checklist).toBeVisible();
  const boxes = checklist.getByRole('checkbox');
  await expect(boxes).toHaveCount(5);
  for (const name of [
    'Database migrations are backward-compatible for at least one release',
    'Feature flags exist for every new flow',
    'Health endpoint returns 200 only when database, cache and upstream APIs are healthy',
    'Rollback is one command away',
    'Observability (metrics, dashboards, alerts) is watching',
  ]) {
    const box = checklist.getByRole('checkbox', { name });
    await box.click();
    await expect(box).toBeChecked();
  }
  await expect(checklist.getByText('ticked by e2e-operator').first()).toBeVisible();
  await expect(checklist).toContainText('5 of 5 ticked');

  // Search's stable version fails 3 % of requests: its budget is soon spent and its optional release frozen.
  const budget = page.getByRole('region', { name: /Error budget/ });
  await expect(budget).toContainText('Frozen', { timeout: 30_000 });

  // The engine takes this start only with an override: Start release stays disabled and says why.
  const start = page.getByRole('button', { name: 'Start release', exact: true });
  await expect(start).toBeDisabled();
  await expect(start).toHaveAttribute('title', /Search cannot start: the error budget is frozen/);

  const override = page.getByRole('region', { name: 'Start needs an override' });
  const submit = override.getByRole('button', { name: 'Start with override' });
  await expect(submit).toBeDisabled();
  await override.getByLabel('Override reason').fill('e2e: hotfix for the errors burning the budget');
  await submit.click();

  await expect(page.getByText('Phase: Progressing')).toBeVisible();
  const journal = page.getByRole('list', { name: 'Journal' });
  await expect(journal.getByText('e2e: hotfix for the errors burning the budget').first()).toBeVisible();
});
