import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DriverLocks } from '../../main/store/driver-lock';
import { acquireLock, describeHolder } from '../../main/store/lock-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sy-locks-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.exit(0)']);
  return child.pid ?? 999_999;
}

describe('driver locks', () => {
  it('lets one process drive a service; a second driver is read-only and told who drives', async () => {
    const alice = new DriverLocks(dir, 'alice');
    const bob = new DriverLocks(dir, 'bob');
    expect(await alice.drive('checkout', 'ui')).toEqual({ driving: true });
    const second = await bob.drive('checkout', 'serve');
    expect(second.driving).toBe(false);
    if (!second.driving) expect(second.drivenBy).toMatch(new RegExp(`^alice's Switchyard window \\(pid ${process.pid}, since \\d\\d:\\d\\d\\)$`));
    expect(alice.drives('checkout')).toBe(true);
    expect(bob.drives('checkout')).toBe(false);

    await alice.close();
    expect(existsSync(join(dir, 'checkout.lock'))).toBe(false);
    expect(await bob.drive('checkout', 'serve')).toEqual({ driving: true });
    await bob.close();
  });

  it('takes over a lock whose process is gone', async () => {
    mkdirSync(dir, { recursive: true });
    const stale = { pid: deadPid(), user: 'carol', host: hostname(), kind: 'ui', since: Date.now() - 60_000 };
    writeFileSync(join(dir, 'payments.lock'), JSON.stringify(stale));
    const locks = new DriverLocks(dir, 'alice');
    expect(await locks.holder('payments')).toBeNull();
    expect(await locks.drive('payments', 'ui')).toEqual({ driving: true });
    await locks.close();
  });

  it("trusts another machine's lock (its pid cannot be checked from here)", async () => {
    writeFileSync(join(dir, 'search.lock'), JSON.stringify({ pid: deadPid(), user: 'dave', host: 'elsewhere', kind: 'serve', since: Date.now() }));
    const result = await new DriverLocks(dir, 'alice').drive('search', 'ui');
    expect(result.driving).toBe(false);
    if (!result.driving) expect(result.drivenBy).toMatch(/^dave's switchyard serve on elsewhere \(pid \d+/);
  });

  it('names a sandbox that drives its own world as `switchyard sandbox`, not as serve', async () => {
    const sandbox = new DriverLocks(dir, 'erin');
    expect(await sandbox.drive('cart', 'sandbox')).toEqual({ driving: true });
    const result = await new DriverLocks(dir, 'alice').drive('cart', 'ui');
    expect(result.driving).toBe(false);
    if (!result.driving) expect(result.drivenBy).toMatch(/^erin's switchyard sandbox \(pid \d+, since \d\d:\d\d\)$/);
    await sandbox.close();
  });

  it('lets a command-line action run next to a window, but not next to another command-line action', async () => {
    const window = new DriverLocks(dir, 'alice');
    await window.drive('checkout', 'ui');
    const cli1 = new DriverLocks(dir, 'bob');
    const cli2 = new DriverLocks(dir, 'carol');

    const first = await cli1.forAction('checkout', 'Checkout');
    expect(first.ok).toBe(true);
    if (first.ok) expect(first.drives).toBe(false);
    const second = await cli2.forAction('checkout', 'Checkout');
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.message).toMatch(/^Checkout is being changed by bob's switchyard command \(pid \d+, since \d\d:\d\d\); try again/);
    if (first.ok) await first.release();
    const third = await cli2.forAction('checkout', 'Checkout');
    expect(third.ok).toBe(true);
    if (third.ok) await third.release();
    await window.close();
  });

  it('drives for the length of one command-line action when nobody else does', async () => {
    const cli = new DriverLocks(dir, 'bob');
    const action = await cli.forAction('cart', 'cart');
    expect(action.ok && action.drives).toBe(true);
    expect(cli.drives('cart')).toBe(true);
    const window = await new DriverLocks(dir, 'alice').drive('cart', 'ui');
    expect(window.driving).toBe(false);
    if (action.ok) await action.release();
    expect(cli.drives('cart')).toBe(false);
    expect(await new DriverLocks(dir, 'alice').drive('cart', 'ui')).toEqual({ driving: true });
  });

  it('describes holders for people', async () => {
    const since = new Date(2025, 4, 6, 14, 2).getTime();
    expect(describeHolder({ pid: 4242, user: 'alice', host: hostname(), kind: 'ui', since })).toBe("alice's Switchyard window (pid 4242, since 14:02)");
    expect(describeHolder({ pid: 7, user: 'bob', host: hostname(), kind: 'cli', since })).toBe("bob's switchyard command (pid 7, since 14:02)");
    const raced = await Promise.all([acquireLock(join(dir, 'x.lock'), { user: 'a', kind: 'ui' }), acquireLock(join(dir, 'x.lock'), { user: 'b', kind: 'ui' })]);
    expect(raced.filter((r) => r.ok)).toHaveLength(1);
  });
});
