// A Step at the last gate takes the release to 100 %: it is a Promote, so it asks for confirmation first.
import { test, expect } from '@playwright/test';
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
  platform: string;
  strategy: string;
  stable: string;
  candidate: string | null;
}

const splitLabel = (stable: string, sp: number, candidate: string) => `Traffic split: ${stable} ${sp}%, ${candidate} ${100 - sp}%`;

// ECS blue/green waits at its PAUSE hook (a manual gate) before the switch, which sends all traffic to green.
test('Step at the manual gate before the switch asks for confirmation; confirming promotes', async ({ page }) => {
  await page.goto(room.url);
  const snapshot = (await (await page.request.get(`${room.origin}/api/snapshot`)).json()) as { services: ServiceRow[] };
  const service = snapshot.services.find((s) => s.platform === 'ecs' && s.strategy === 'blue-green' && s.candidate);
  if (!service?.candidate) throw new Error('the calm world has no ECS blue/green service with a candidate');
  const candidate = service.candidate;

  await page.getByRole('button', { name: service.name, exact: true }).first().click();
  await page.getByRole('button', { name: 'Start release', exact: true }).click();
  await expect(page.getByText('Phase: Paused')).toBeVisible({ timeout: 20_000 });
  // ECS brings green up first; the gate can be passed once its PAUSE hook awaits action.
  const hooks = page.getByRole('region', { name: /^ECS / }).getByRole('list', { name: 'Lifecycle hooks' });
  await expect(hooks.getByText(/awaiting action/)).toBeVisible({ timeout: 20_000 });

  const step = page.getByRole('button', { name: 'Step', exact: true });
  await expect(step).toBeEnabled();
  await expect(step).toHaveAccessibleDescription(new RegExp(`this takes ${candidate.replace(/\./g, '\\.')} to 100 %`));

  // The shortcut opens the same dialog; Escape sends nothing.
  await page.keyboard.press('s');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Phase: Paused')).toBeVisible();

  await step.click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toHaveText(`Step ${service.name}?`);
  await expect(dialog).toContainText(`Step promotes ${service.name}: it runs the release on to 100 % on ${candidate}.`);
  await dialog.getByLabel('Reason').fill('e2e: green is healthy');
  await dialog.getByRole('button', { name: 'Confirm step', exact: true }).click();
  await expect(dialog).toBeHidden();

  const split = page.getByRole('img', { name: new RegExp(`^Traffic split: ${service.stable} \\d+%`) }).first();
  await expect(split).toHaveAttribute('aria-label', splitLabel(service.stable, 0, candidate), { timeout: 30_000 });
  const journal = page.getByRole('list', { name: 'Journal' });
  await expect(journal.getByText('e2e: green is healthy').first()).toBeVisible();
});
