// The alert ledger: one record per firing (fingerprint + startsAt), kept across restarts, never in a rollback's way.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlertLedger, alertKey } from '../../main/serve/alert-ledger';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sy-ledger-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const alert = (labels: Record<string, string>, startsAt = '2025-06-01T10:00:00Z', fingerprint?: string) => ({
  status: 'firing' as const,
  labels,
  annotations: {},
  startsAt,
  ...(fingerprint ? { fingerprint } : {}),
});

describe('alert ledger', () => {
  it('keys an alert by fingerprint (or its labels) and startsAt', () => {
    expect(alertKey(alert({ a: '1' }, 'T', 'f00d'))).toBe('f00d@T');
    expect(alertKey(alert({ a: '1', b: '2' }))).toBe(alertKey(alert({ b: '2', a: '1' })));
    expect(alertKey(alert({ a: '1' }))).not.toBe(alertKey(alert({ a: '1' }, '2025-06-01T11:00:00Z')));
  });

  it('keeps the first binding, remembers the rollback after a restart, and forgets a resolved alert', async () => {
    const file = join(dir, 'serve-alerts.json');
    const ledger = new AlertLedger(file);
    expect(await ledger.bind('k', { service: 'search', releaseId: 'r1' })).toMatchObject({ releaseId: 'r1', rolledBackAt: null });
    expect(await ledger.bind('k', { service: 'search', releaseId: 'r2' })).toMatchObject({ releaseId: 'r1' });
    await ledger.rolledBack('k');
    const reopened = new AlertLedger(file);
    expect(await reopened.get('k')).toMatchObject({ service: 'search', releaseId: 'r1', rolledBackAt: expect.any(String) });
    await reopened.forget('k');
    expect(await new AlertLedger(file).get('k')).toBeNull();
  });

  it('drops records older than 30 days when it saves', async () => {
    const file = join(dir, 'serve-alerts.json');
    let now = new Date('2025-01-01T00:00:00Z');
    const ledger = new AlertLedger(file, undefined, () => now);
    await ledger.bind('old', { service: 'search', releaseId: 'r1' });
    now = new Date('2025-02-15T00:00:00Z');
    await ledger.bind('new', { service: 'search', releaseId: 'r2' });
    expect(Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { alerts: object }).alerts)).toEqual(['new']);
  });

  it('starts empty (and says so) from a file that is not a ledger, and still works when it cannot save', async () => {
    const problems: string[] = [];
    const garbled = join(dir, 'garbled.json');
    writeFileSync(garbled, '{"nope":');
    expect(await new AlertLedger(garbled, (p) => problems.push(p)).get('k')).toBeNull();
    expect(problems[0]).toMatch(/is not a Switchyard alert ledger; starting without it/);

    const blocked = join(dir, 'blocked');
    mkdirSync(join(blocked, 'serve-alerts.json'), { recursive: true }); // a directory where the file goes
    const ledger = new AlertLedger(join(blocked, 'serve-alerts.json'), (p) => problems.push(p));
    expect(await ledger.bind('k', { service: 'search', releaseId: 'r1' })).toMatchObject({ releaseId: 'r1' });
    expect(await ledger.rolledBack('k')).toMatchObject({ rolledBackAt: expect.any(String) });
    expect(problems.some((p) => /cannot save .*serve-alerts\.json/.test(p))).toBe(true);
  });
});
