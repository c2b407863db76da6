// The operator sees a banner while the journal cannot be written (a real fault on the journal file), and sees it go
// once an action succeeds again.
import { test, expect } from '@playwright/test';
import { launchControlRoom, type RunningControlRoom } from './launch';
import { breakJournalFile } from '../support/journal-fault';

let room: RunningControlRoom;

test.beforeAll(async () => {
  room = await launchControlRoom(['--scenario', 'calm', '--operator', 'e2e-operator']);
});
test.afterAll(async () => {
  await room?.stop();
});



interface Snapshot {
  health: { journal: { path: string; writable: boolean } };
  services: { id: string; name: string; strategy: string; candidate: string | null; release: unknown }[];
}

test('a journal that cannot be written shows an alert banner until an action writes it again', async ({ page }) => {
  await page.goto(room.url);
  const snapshot = (await (await page.request.get(`${room.origin}/api/snapshot`)).json()) as Snapshot;
  expect(snapshot.health.journal.writable).toBe(true);
  // One service for the action that meets the fault, another for the one after it (whatever the first left behind).
  const [service, other] = snapshot.services.filter((s) => s.strategy === 'canary' && s.candidate && !s.release);
  if (!service || !other) throw new Error('the calm world has fewer than two canary services with a candidate to release');
  const banner = page.getByRole('alert').filter({ hasText: /^The journal cannot be written:/ });
  await expect(page.getByRole('button', { name: service.name, exact: true }).first()).toBeVisible();
  await expect(banner).toHaveCount(0);

  await page.getByRole('button', { name: service.name, exact: true }).first().click();
  const restore = breakJournalFile(snapshot.health.journal.path);
  try {
    await page.getByRole('button', { name: 'Start release', exact: true }).click();
    await expect(banner).toBeVisible();
    await expect(banner).toContainText(/The journal cannot be written: .*(EPERM|EISDIR).*; actions are refused until it can\./);
  } finally {
    restore();
  }

  // Nothing probes the file: the banner stays until a real append succeeds.
  await page.waitForTimeout(1500);
  await expect(banner).toBeVisible();
  await page.getByRole('button', { name: other.name, exact: true }).first().click();
  await page.getByRole('button', { name: 'Start release', exact: true }).click();
  await expect(banner).toHaveCount(0);
  await expect(page.getByRole('img', { name: /^Traffic split:/ }).first()).toBeVisible();
});
