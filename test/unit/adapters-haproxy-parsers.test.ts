// show stat / show servers state parsing, on output captured from HAProxy 2.6.12 (Debian 12).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseServerStatus, parseShowStat, splitCsv, isShowStatAnswer } from '../../adapters/haproxy/show-stat';
import { adminStateOf, isServersStateAnswer, parseServersState } from '../../adapters/haproxy/servers-state';
import { serverView } from '../../adapters/haproxy/server-view';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./adapters-fixtures/${name}`, import.meta.url)), 'utf8');

describe('show stat', () => {
  const rows = parseShowStat(fixture('show-stat-canary-drain.txt'));
  const byName = new Map(rows.map((r) => [r.name, r]));

  it('types the backend row and every server row', () => {
    expect(rows.map((r) => [r.name, r.type])).toEqual([
      ['checkout-v1.4.2-1', 'server'],
      ['checkout-v1.4.2-2', 'server'],
      ['checkout-v1.5.0-1', 'server'],
      ['checkout-v1.5.0-2', 'server'],
      ['BACKEND', 'backend'],
    ]);
    expect(isShowStatAnswer(fixture('show-stat-canary-drain.txt'))).toBe(true);
    expect(isShowStatAnswer('No such proxy.\n\n')).toBe(false);
  });

  it('reads status, weights and checks of servers', () => {
    expect(byName.get('checkout-v1.4.2-1')).toMatchObject({ proxy: 'be_checkout', status: 'UP', weight: 100, uweight: 100, checkStatus: 'L4OK' });
    expect(byName.get('checkout-v1.4.2-2')).toMatchObject({ status: 'DRAIN', weight: 100, uweight: 100 });
    expect(byName.get('checkout-v1.5.0-1')).toMatchObject({ status: 'UP', weight: 50, uweight: 50, addr: '127.0.0.1:28103' });
    expect(byName.get('checkout-v1.5.0-2')).toMatchObject({ status: 'DOWN', weight: 0, checkStatus: 'L4CON', checkDesc: 'Layer4 connection problem' });
  });

  it('reads traffic counters and average times', () => {
    const canary = byName.get('checkout-v1.5.0-1')!;
    expect(canary).toMatchObject({ stot: 7, hrsp2xx: 3, hrsp5xx: 4, rtime: 20, ttime: 20, scur: 0 });
    const backend = byName.get('BACKEND')!;
    expect(backend).toMatchObject({ status: 'UP', weight: 150, stot: 40, reqTot: 40, hrsp2xx: 36, hrsp5xx: 4 });
    expect(backend.fields.algo).toBe('roundrobin');
    expect(backend.fields.h1_total_streams).toBe('40');
  });

  it('keeps transitional and maintenance states verbatim', () => {
    const maint = parseShowStat(fixture('show-stat-maint.txt')).find((r) => r.name === 'checkout-v1.5.0-1');
    expect(maint?.status).toBe('MAINT');
    const back = parseShowStat(fixture('show-stat-after-ready.txt')).find((r) => r.name === 'checkout-v1.5.0-1');
    expect(back?.status).toBe('UP 1/3');
  });

  it('splits quoted CSV fields and strips the running-check marker', () => {
    expect(splitCsv('a,"b,c",,"say ""hi""",')).toEqual(['a', 'b,c', '', 'say "hi"', '']);
    const text = '# pxname,svname,status,check_status,type,\nbe,s1,UP,* L7OK,2,\n\n';
    expect(parseShowStat(text)[0]).toMatchObject({ name: 's1', checkStatus: 'L7OK', weight: null });
  });
});

describe('server status (the lean read of every poll)', () => {
  it('agrees with the full rows on status, weights and checks', () => {
    const text = fixture('show-stat-canary-drain.txt');
    const lean = (r: { proxy: string; name: string; type: string; status: string; weight: number | null; uweight: number | null; checkStatus: string | null }) => [r.proxy, r.name, r.type, r.status, r.weight, r.uweight, r.checkStatus];
    expect(parseServerStatus(text, true).map(lean)).toEqual(parseShowStat(text).map(lean));
  });

  it('leaves the user weight (column 99) out unless asked for', () => {
    const rows = parseServerStatus(fixture('show-stat-canary-drain.txt'), false);
    expect(rows.find((r) => r.name === 'checkout-v1.5.0-1')).toMatchObject({ weight: 50, uweight: null, checkStatus: 'L4OK' });
  });
});

describe('show servers state', () => {
  it('reads lines spaced other than by one space the same way', () => {
    const text = fixture('servers-state-canary-drain.txt');
    const respaced = text.split('\n').map((l, i) => (i > 1 && l !== '' ? ' ' + l.replaceAll(' ', ' \t ') : l)).join('\n');
    const key = (r: { server: string; adminState: string; uweight: number; port: number | null }) => [r.server, r.adminState, r.uweight, r.port];
    expect(parseServersState(respaced).map(key)).toEqual(parseServersState(text).map(key));
    expect(parseServersState(respaced)[1]?.fields.srv_admin_state).toBe('8');
  });

  it('reads the admin state bitmask as ready / drain / maint', () => {
    const rows = parseServersState(fixture('servers-state-canary-drain.txt'));
    expect(rows.map((r) => [r.server, r.opState, r.adminState, r.uweight, r.checkResult])).toEqual([
      ['checkout-v1.4.2-1', 'running', 'ready', 100, 'passed'],
      ['checkout-v1.4.2-2', 'running', 'drain', 100, 'passed'],
      ['checkout-v1.5.0-1', 'running', 'ready', 50, 'passed'],
      ['checkout-v1.5.0-2', 'stopped', 'ready', 0, 'failed'],
    ]);
    expect(rows[0]).toMatchObject({ backendId: 3, backend: 'be_checkout', serverId: 1, address: '127.0.0.1', port: 28101 });
    expect(isServersStateAnswer(fixture('servers-state-maint.txt'))).toBe(true);
    expect(isServersStateAnswer("Can't find backend.\n\n")).toBe(false);
  });

  it('sees maintenance after "state maint"', () => {
    const rows = parseServersState(fixture('servers-state-maint.txt'));
    expect(rows.find((r) => r.server === 'checkout-v1.5.0-1')).toMatchObject({ adminBits: 1, adminState: 'maint', opState: 'stopped' });
  });

  it('lets maintenance win over drain and reads the bits as HAProxy does', () => {
    expect(adminStateOf(0)).toBe('ready');
    expect(adminStateOf(0x08)).toBe('drain');
    expect(adminStateOf(0x10)).toBe('drain');
    expect(adminStateOf(0x01 | 0x08)).toBe('maint');
    expect(adminStateOf(0x20)).toBe('maint');
    // `disabled` in the config sets FMAINT|CMAINT; after `state ready` only CMAINT stays, and the server is UP.
    expect(adminStateOf(0x05)).toBe('maint');
    expect(adminStateOf(0x04)).toBe('ready');
    expect(adminStateOf(0x40)).toBe('ready');
  });

  it('refuses an unknown format version', () => {
    expect(() => parseServersState('2\n# be_id\n')).toThrow(/format version "2"/);
  });
});

describe('server view', () => {
  const stat = new Map(parseShowStat(fixture('show-stat-all-down.txt')).map((r) => [r.name, r]));
  const state = new Map(parseServersState(fixture('servers-state-all-down.txt')).map((r) => [r.server, r]));

  it('shows a drained server whose check fails as down, not serving', () => {
    const view = serverView(stat.get('checkout-v1.4.2-2')!, state.get('checkout-v1.4.2-2'));
    expect(view).toMatchObject({ status: 'DOWN', admin: 'drain', instance: 'down', failing: true, serving: false });
  });

  it('counts "UP 1/3" as serving and MAINT as not', () => {
    const after = parseShowStat(fixture('show-stat-after-ready.txt')).find((r) => r.name === 'checkout-v1.5.0-1')!;
    expect(serverView(after, undefined)).toMatchObject({ serving: true, failing: false, instance: 'up' });
    const maint = parseShowStat(fixture('show-stat-maint.txt')).find((r) => r.name === 'checkout-v1.5.0-1')!;
    expect(serverView(maint, undefined)).toMatchObject({ serving: false, failing: false, instance: 'maint', admin: 'maint' });
  });

  it('treats "DOWN 1/2" as starting: failing until it rises', () => {
    const row = parseShowStat('# pxname,svname,status,weight,type,\nbe,s1,DOWN 1/2,100,2,\n\n')[0]!;
    expect(serverView(row, undefined)).toMatchObject({ instance: 'starting', failing: true, serving: false });
  });
});
