// A release group over two members (scenario group-release: checkout behind HAProxy and in Kubernetes): the operator
// starts and steps it; the candidate is bad in Kubernetes only, its rule fires there, and both members return to stable.
import { test, expect } from '@playwright/test';
import { launchControlRoom, type RunningControlRoom } from './launch';

let room: RunningControlRoom;

test.beforeAll(async () => {
  room = await launchControlRoom(['--scenario', 'group-release', '--speed', '10', '--operator', 'e2e-operator']);
});
test.afterAll(async () => {
  await room?.stop();
});

const MEMBERS = ['sandbox-haproxy', 'sandbox-kubernetes'];
const split = (candidatePercent: number) => `Traffic split: 1.4.2 ${100 - candidatePercent}%, 1.5.0 ${candidatePercent}%`;

interface MemberSplits {
  targetId: string;
  splitBefore: { version: string; percent: number }[] | null;
  splitAfter: { version: string; percent: number }[] | null;
}

test('a group release is stepped on both members, then rolled back on both by a rule firing on one', async ({ page }) => {
  await page.goto(room.url);
  const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: 'Checkout (group)', exact: true }) });
  await expect(row.getByText('group of 2')).toBeVisible();
  await page.getByRole('button', { name: 'Checkout (group)', exact: true }).click();

  const members = page.getByRole('list', { name: 'Group members' });
  const memberSplit = (targetId: string) => members.getByRole('listitem', { name: `Member ${targetId}` }).getByRole('img', { name: /^Traffic split:/ });
  for (const id of MEMBERS) await expect(memberSplit(id)).toHaveAttribute('aria-label', split(0));

  await page.getByRole('button', { name: 'Start release', exact: true }).click();
  // The plan waits at a manual gate after 25 %: both members are there.
  for (const id of MEMBERS) await expect(memberSplit(id)).toHaveAttribute('aria-label', split(25));
  await expect(page.getByText('Phase: Paused')).toBeVisible();

  await page.getByRole('button', { name: 'Step', exact: true }).click();

  // From 50 % the error-rate rule watches; the Kubernetes member's candidate fails ~15 % of requests, so it fires there.
  await expect(page.getByText('Phase: RolledBack')).toBeVisible({ timeout: 30_000 });
  for (const id of MEMBERS) await expect(memberSplit(id)).toHaveAttribute('aria-label', split(0));
  await expect(page.getByText(/Rule error-rate fired on sandbox-kubernetes at/)).toBeVisible();
  await expect(page.getByRole('paragraph').filter({ hasText: /^Reason: error-rate on sandbox-kubernetes: error rate/ })).toBeVisible();

  await page.screenshot({ path: test.info().outputPath('group-release.png'), fullPage: true });

  // The journal has both members at 50 % after the step, and both back at 0 % after the automatic rollback.
  const response = await page.request.get(`${room.origin}/api/journal?serviceId=checkout&limit=100`);
  expect(response.ok()).toBeTruthy();
  const events = (await response.json()) as { action: string; stage: string; members?: MemberSplits[] }[];
  const candidateAfter = (e: { members?: MemberSplits[] } | undefined) =>
    e?.members?.map((m) => [m.targetId, m.splitAfter?.find((s) => s.version === '1.5.0')?.percent]);
  expect(candidateAfter(events.find((e) => e.action === 'step' && e.stage === 'done'))).toEqual([
    ['sandbox-haproxy', 50],
    ['sandbox-kubernetes', 50],
  ]);
  expect(candidateAfter(events.find((e) => e.action === 'auto-rollback' && e.stage === 'done'))).toEqual([
    ['sandbox-haproxy', 0],
    ['sandbox-kubernetes', 0],
  ]);
});
