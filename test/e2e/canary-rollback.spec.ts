// An operator opens the fleet, starts a canary, steps it twice, rolls it back, and sees the journal.
import { test, expect, type Page } from '@playwright/test';
import { launchControlRoom, type RunningControlRoom } from './launch';

let room: RunningControlRoom;

test.beforeAll(async () => {
  room = await launchControlRoom(['--scenario', 'calm', '--operator', 'e2e-operator']);
});
test.afterAll(async () => {
  await room?.stop();
});

interface ServiceRow {
  id: string;
  name: string;
  strategy: string;
  stable: string;
  candidate: string | null;
  release: { phase: string } | null;
}

async function pickCanaryService(page: Page): Promise<ServiceRow> {
  const response = await page.request.get(`${room.origin}/api/snapshot`);
  expect(response.ok()).toBeTruthy();
  const snapshot = (await response.json()) as { services: ServiceRow[] };
  expect(snapshot.services.length).toBeGreaterThanOrEqual(6);
  const service = snapshot.services.find((s) => s.strategy === 'canary' && s.candidate && !s.release);
  // Each test takes a service nobody has released yet in this world.
  if (!service?.candidate) throw new Error('the calm world has no canary service with a candidate to release');
  return service;
}

const splitLabel = (stable: string, sp: number, candidate: string) =>
  `Traffic split: ${stable} ${sp}%, ${candidate} ${100 - sp}%`;

test('start a canary, step twice, roll back through the confirmation', async ({ page }) => {
  await page.goto(room.url);
  const service = await pickCanaryService(page);
  const candidate = service.candidate as string;

  await expect(page.getByRole('img', { name: /^Traffic split:/ }).first()).toBeVisible();
  await page.getByRole('button', { name: service.name, exact: true }).first().click();

  await page.getByRole('button', { name: 'Start release', exact: true }).click();
  const split = page.getByRole('img', { name: new RegExp(`^Traffic split: ${service.stable} \\d+%`) }).first();
  await expect(split).toHaveAttribute('aria-label', splitLabel(service.stable, 95, candidate));

  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(split).toHaveAttribute('aria-label', splitLabel(service.stable, 75, candidate));
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(split).toHaveAttribute('aria-label', splitLabel(service.stable, 50, candidate));

  await page.getByRole('button', { name: 'Rollback', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Reason').fill('e2e: candidate looks wrong');
  await dialog.getByRole('button', { name: 'Confirm rollback', exact: true }).click();

  await expect(split).toHaveAttribute('aria-label', splitLabel(service.stable, 100, candidate));
  await expect(page.getByText('Phase: RolledBack')).toBeVisible();
  const journal = page.getByRole('list', { name: 'Journal' });
  await expect(journal.getByText('e2e: candidate looks wrong').first()).toBeVisible();
  await expect(journal.getByText('e2e-operator').first()).toBeVisible();
});

// The default canary plan waits on timed pauses, so a fresh release is Progressing.
test('keyboard: p pauses and r resumes a running release', async ({ page }) => {
  await page.goto(room.url);
  const service = await pickCanaryService(page);
  await page.getByRole('button', { name: service.name, exact: true }).first().click();
  await page.getByRole('button', { name: 'Start release', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Rollback', exact: true })).toBeEnabled();
  // The start's answer shows step 1 (Set weight) and the stream then its timed pause; a key pressed on step 1 would be
  // refused as made on a stale view ("look again before you pause"), as it should.
  await expect(page.getByText(/^Phase: Progressing .* step 2 of \d+/)).toBeVisible();
  await page.keyboard.press('p');
  await expect(page.getByText('Phase: Paused')).toBeVisible();
  await page.keyboard.press('r');
  await expect(page.getByText('Phase: Progressing')).toBeVisible();
  await page.keyboard.press('Shift+R');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
});
