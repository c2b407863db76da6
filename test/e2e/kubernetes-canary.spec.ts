// An operator drives a Kubernetes canary in the sandbox (HTTPRoute weights through the real adapter): start, step, roll back.
import { test, expect } from '@playwright/test';
import { launchControlRoom, type RunningControlRoom } from './launch';

let room: RunningControlRoom;

test.beforeAll(async () => {
  room = await launchControlRoom(['--scenario', 'calm', '--operator', 'e2e-kube']);
});
test.afterAll(async () => {
  await room?.stop();
});

interface ServiceRow {
  id: string;
  name: string;
  platform: string;
  strategy: string;
  stable: string;
  candidate: string | null;
  /** The platform's detail document; its hint says how traffic moves. */
  detail?: { hint: string | null } | null;
}

const splitLabel = (stable: string, sp: number, candidate: string) => `Traffic split: ${stable} ${sp}%, ${candidate} ${100 - sp}%`;

test('Kubernetes canary by HTTPRoute weights: start, step, roll back through the confirmation', async ({ page }) => {
  await page.goto(room.url);
  const snapshot = (await (await page.request.get(`${room.origin}/api/snapshot`)).json()) as { services: ServiceRow[] };
  const service = snapshot.services.find((s) => s.platform === 'kubernetes' && s.strategy === 'canary' && s.candidate && /HTTPRoute/.test(s.detail?.hint ?? ''));
  if (!service?.candidate) throw new Error('the calm world has no Kubernetes canary on an HTTPRoute with a candidate');
  const candidate = service.candidate;

  // The fleet row says how the service's traffic moves.
  const row = page.locator(`tr[data-service-id="${service.id}"]`);
  await expect(row.getByText('kubernetes', { exact: true })).toBeVisible();
  await expect(row.getByText(/^canary by weight on HTTPRoute /)).toBeVisible();

  await row.getByRole('button', { name: service.name, exact: true }).click();
  const detail = page.getByRole('region', { name: /^How traffic moves/ });
  await expect(detail.getByText(/^canary by weight on HTTPRoute /)).toBeVisible();

  await page.getByRole('button', { name: 'Start release', exact: true }).click();
  const split = page.getByRole('img', { name: new RegExp(`^Traffic split: ${service.stable} \\d+%`) }).first();
  await expect(split).toHaveAttribute('aria-label', splitLabel(service.stable, 95, candidate));

  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(split).toHaveAttribute('aria-label', splitLabel(service.stable, 75, candidate));

  await page.getByRole('button', { name: 'Rollback', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Reason').fill('e2e: Kubernetes candidate looks wrong');
  await dialog.getByRole('button', { name: 'Confirm rollback', exact: true }).click();

  await expect(page.getByText('Phase: RolledBack')).toBeVisible();
  await expect(split).toHaveAttribute('aria-label', splitLabel(service.stable, 100, candidate));
  const journal = page.getByRole('list', { name: 'Journal' });
  await expect(journal.getByText('e2e: Kubernetes candidate looks wrong').first()).toBeVisible();
});
