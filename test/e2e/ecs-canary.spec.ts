// An operator drives a native ECS canary in the sandbox: start, Step at the PAUSE hook, roll back.
import { test, expect } from '@playwright/test';
import { launchControlRoom, type RunningControlRoom } from './launch';

let room: RunningControlRoom;

test.beforeAll(async () => {
  room = await launchControlRoom(['--scenario', 'calm', '--operator', 'e2e-ecs']);
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
  /** The platform's detail document; ECS's hint names the deployment strategy it configured ("CANARY by ECS"). */
  detail?: { hint: string | null } | null;
}

const splitLabel = (stable: string, sp: number, candidate: string) => `Traffic split: ${stable} ${sp}%, ${candidate} ${100 - sp}%`;

test('ECS canary: Step continues the PAUSE hook, Rollback rolls the deployment back', async ({ page }) => {
  await page.goto(room.url);
  const snapshot = (await (await page.request.get(`${room.origin}/api/snapshot`)).json()) as { services: ServiceRow[] };
  const service = snapshot.services.find((s) => s.platform === 'ecs' && s.strategy === 'canary' && /^CANARY by ECS/.test(s.detail?.hint ?? '') && s.candidate);
  if (!service?.candidate) throw new Error('the calm world has no ECS canary service with a candidate');
  const candidate = service.candidate;

  await page.getByRole('button', { name: service.name, exact: true }).first().click();
  const ecsPanel = page.getByRole('region', { name: new RegExp(`^ECS `) });
  await expect(ecsPanel).toBeVisible();

  await page.getByRole('button', { name: 'Start release', exact: true }).click();
  // ECS brings the candidate up and stops at its PAUSE hook before the first production shift.
  await expect(ecsPanel.getByRole('list', { name: 'Lifecycle hooks' }).getByText(/awaiting action/)).toBeVisible({ timeout: 20_000 });
  const split = page.getByRole('img', { name: new RegExp(`^Traffic split: ${service.stable} \\d+%`) }).first();
  await expect(split).toHaveAttribute('aria-label', splitLabel(service.stable, 100, candidate));

  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(split).toHaveAttribute('aria-label', splitLabel(service.stable, 90, candidate), { timeout: 15_000 });

  await page.getByRole('button', { name: 'Rollback', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Reason').fill('e2e: ECS canary rolled back');
  await dialog.getByRole('button', { name: 'Confirm rollback', exact: true }).click();

  await expect(page.getByText('Phase: RolledBack')).toBeVisible();
  await expect(split).toHaveAttribute('aria-label', splitLabel(service.stable, 100, candidate), { timeout: 15_000 });
  await expect(ecsPanel.getByText('ROLLBACK_SUCCESSFUL')).toBeVisible({ timeout: 15_000 });
});
