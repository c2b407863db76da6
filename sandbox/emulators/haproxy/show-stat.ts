// `show stat [{<iid>|<proxy>} <type> <sid>] [up|no-maint]`: the CSV HAProxy 2.6 prints.

import type { EmulatedBackend } from './backend';
import type { TrafficCounters } from './counters';
import type { EmulatedServer } from './server';
import type { HaproxyState } from './state';
import { STAT_HEADER, statRow, type StatValues } from './stat-columns';

const TYPE_FRONTEND = 1;
const TYPE_BACKEND = 2;
const TYPE_SERVER = 4;

interface StatFilter {
  iid: number | null;
  types: number;
  sid: number;
  upOnly: boolean;
  noMaint: boolean;
}

export function showStat(state: HaproxyState, args: string[]): string {
  const filter: StatFilter = { iid: null, types: -1, sid: -1, upOnly: false, noMaint: false };
  const rest = [...args];
  if (rest.length >= 3 && !isOption(rest[0])) {
    const [proxy = '', type = '', sid = ''] = rest.splice(0, 3);
    const iid = resolveProxy(state, proxy);
    if (iid === undefined) return 'No such proxy.\n';
    filter.iid = iid;
    filter.types = Number.parseInt(type, 10);
    filter.sid = Number.parseInt(sid, 10);
  }
  for (const option of rest) {
    if (option === 'up') filter.upOnly = true;
    else if (option === 'no-maint') filter.noMaint = true;
    else if (option === 'json' || option === 'typed')
      return `The Switchyard sandbox emulates the CSV form of 'show stat' only, not '${option}'.\n`;
  }
  state.advance();
  const now = state.now();
  let out = STAT_HEADER;
  if (wants(filter, state.frontendIid, TYPE_FRONTEND)) out += frontendRow(state, now);
  for (const backend of state.backends) {
    if (filter.iid !== null && filter.iid !== -1 && filter.iid !== backend.iid) continue;
    if (filter.types & TYPE_SERVER) {
      for (const server of backend.servers) {
        if (filter.sid !== -1 && filter.sid !== server.sid) continue;
        if (filter.upOnly && !server.running) continue;
        if ((filter.upOnly || filter.noMaint) && server.admin === 'maint') continue;
        out += serverRow(backend, server, now);
      }
    }
    if (filter.types & TYPE_BACKEND) out += backendRow(backend, now);
  }
  return out;
}

function isOption(arg: string | undefined): boolean {
  return arg === 'up' || arg === 'no-maint' || arg === 'json' || arg === 'typed' || arg === 'desc';
}

function resolveProxy(state: HaproxyState, proxy: string): number | undefined {
  if (/^-?\d+$/.test(proxy)) return Number(proxy);
  if (proxy === state.frontendName) return state.frontendIid;
  return state.backend(proxy)?.iid;
}

function wants(filter: StatFilter, iid: number, type: number): boolean {
  return (filter.iid === null || filter.iid === -1 || filter.iid === iid) && (filter.types & type) !== 0;
}

function seconds(ms: number): number {
  return Math.max(0, Math.floor(ms / 1000));
}

function trafficValues(c: TrafficCounters, now: number): StatValues {
  const rate = c.rate.read(now);
  return {
    scur: c.scur,
    smax: c.smax,
    stot: c.stot,
    bin: c.bin,
    bout: c.bout,
    rate,
    rate_max: Math.max(c.rate.max, rate),
    hrsp_1xx: c.hrsp[0] ?? 0,
    hrsp_2xx: c.hrsp[1] ?? 0,
    hrsp_3xx: c.hrsp[2] ?? 0,
    hrsp_4xx: c.hrsp[3] ?? 0,
    hrsp_5xx: c.hrsp[4] ?? 0,
    hrsp_other: c.hrsp[5] ?? 0,
    req_tot: c.reqTot,
  };
}

function timingValues(c: TrafficCounters, now: number): StatValues {
  return {
    lastsess: c.lastSession(now),
    rtime: c.rtime.average(),
    ttime: c.ttime.average(),
    rtime_max: c.rtimeMax,
    ttime_max: c.ttimeMax,
    lbtot: c.lbtot,
    connect: c.lbtot,
  };
}

function frontendRow(state: HaproxyState, now: number): string {
  const c = state.frontend;
  const rate = c.rate.read(now);
  return statRow('frontend', {
    ...trafficValues(c, now),
    pxname: state.frontendName,
    iid: state.frontendIid,
    req_rate: rate,
    req_rate_max: Math.max(c.rate.max, rate),
    conn_rate: rate,
    conn_rate_max: Math.max(c.rate.max, rate),
    conn_tot: c.stot,
    h1_total_connections: c.stot,
    h1_total_streams: c.reqTot,
    h1_bytes_in: c.bin,
    h1_bytes_out: c.bout,
  });
}

function backendRow(backend: EmulatedBackend, now: number): string {
  const weight = backend.activeWeight();
  return statRow('backend', {
    ...trafficValues(backend.counters, now),
    ...timingValues(backend.counters, now),
    pxname: backend.name,
    econ: backend.counters.econ,
    status: backend.isUp() ? 'UP' : 'DOWN',
    weight,
    act: backend.usableServers().length,
    chkdown: backend.chkdown,
    lastchg: seconds(now - backend.lastChangeAt),
    downtime: backend.downtime(now),
    iid: backend.iid,
    uweight: weight,
  });
}

function serverRow(backend: EmulatedBackend, server: EmulatedServer, now: number): string {
  const checked = server.admin !== 'maint';
  const check = server.lastCheck;
  return statRow('server', {
    ...trafficValues(server.counters, now),
    ...timingValues(server.counters, now),
    pxname: backend.name,
    svname: server.name,
    status: server.status(),
    weight: server.uweight,
    chkfail: server.chkfail,
    chkdown: server.chkdown,
    lastchg: seconds(now - server.lastChangeAt),
    downtime: server.downtime(now),
    iid: backend.iid,
    sid: server.sid,
    check_status: checked ? check.status : '',
    check_code: checked && check.httpCode !== null ? check.httpCode : '',
    check_duration: checked ? 0 : '',
    last_chk: checked ? check.info : '',
    check_desc: checked ? check.desc : '',
    check_rise: checked ? 2 : '',
    check_fall: checked ? 3 : '',
    check_health: checked ? server.health : '',
    addr: `${server.addr}:${server.port}`,
    uweight: server.uweight,
  });
}
