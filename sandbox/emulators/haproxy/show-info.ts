// `show info`: the process summary, with the keys and order of HAProxy 2.6.12.

import { hostname } from 'node:os';
import type { HaproxyState } from './state';

export const EMULATED_VERSION = '2.6.12-1+deb12u4';

export function showInfo(state: HaproxyState): string {
  state.advance();
  const now = state.now();
  const uptimeSec = Math.max(0, Math.floor((now - state.startedAt) / 1000));
  const fe = state.frontend;
  const rate = fe.rate.read(now);
  const days = Math.floor(uptimeSec / 86400);
  const hours = Math.floor((uptimeSec % 86400) / 3600);
  const minutes = String(Math.floor((uptimeSec % 3600) / 60)).padStart(2, '0');
  const secs = String(uptimeSec % 60).padStart(2, '0');
  const scur = state.backends.reduce((sum, b) => sum + b.counters.scur, 0);
  const entries: [string, string | number][] = [
    ['Name', 'HAProxy'],
    ['Version', EMULATED_VERSION],
    ['Release_date', '2026/10/17'],
    ['Nbthread', 1],
    ['Nbproc', 1],
    ['Process_num', 1],
    ['Pid', process.pid],
    ['Uptime', `${days}d ${hours}h${minutes}m${secs}s`],
    ['Uptime_sec', uptimeSec],
    ['Memmax_MB', 0],
    ['PoolAlloc_MB', 0],
    ['PoolUsed_MB', 0],
    ['PoolFailed', 0],
    ['Ulimit-n', 20000],
    ['Maxsock', 20000],
    ['Maxconn', 9983],
    ['Hard_maxconn', 9983],
    ['CurrConns', scur],
    ['CumConns', fe.stot],
    ['CumReq', fe.reqTot],
    ['MaxSslConns', 0],
    ['CurrSslConns', 0],
    ['CumSslConns', 0],
    ['Maxpipes', 0],
    ['PipesUsed', 0],
    ['PipesFree', 0],
    ['ConnRate', rate],
    ['ConnRateLimit', 0],
    ['MaxConnRate', fe.rate.max],
    ['SessRate', rate],
    ['SessRateLimit', 0],
    ['MaxSessRate', fe.rate.max],
    ['SslRate', 0],
    ['SslRateLimit', 0],
    ['MaxSslRate', 0],
    ['SslFrontendKeyRate', 0],
    ['SslFrontendMaxKeyRate', 0],
    ['SslFrontendSessionReuse_pct', 0],
    ['SslBackendKeyRate', 0],
    ['SslBackendMaxKeyRate', 0],
    ['SslCacheLookups', 0],
    ['SslCacheMisses', 0],
    ['CompressBpsIn', 0],
    ['CompressBpsOut', 0],
    ['CompressBpsRateLim', 0],
    ['Tasks', 10 + state.backends.reduce((sum, b) => sum + b.servers.length, 0)],
    ['Run_queue', 0],
    ['Idle_pct', 100],
    ['node', hostname()],
    ['Stopping', 0],
    ['Jobs', 3 + scur],
    ['Unstoppable Jobs', 0],
    ['Listeners', 2],
    ['ActivePeers', 0],
    ['ConnectedPeers', 0],
    ['DroppedLogs', 0],
    ['BusyPolling', 0],
    ['FailedResolutions', 0],
    ['TotalBytesOut', fe.bout],
    ['TotalSplicdedBytesOut', 0],
    ['BytesOutRate', 0],
    ['DebugCommandsIssued', 0],
    ['CumRecvLogs', 0],
    ['Build info', EMULATED_VERSION],
    ['Memmax_bytes', 0],
    ['PoolAlloc_bytes', 0],
    ['PoolUsed_bytes', 0],
    ['Start_time_sec', Math.floor(state.startedAt / 1000)],
    ['Tainted', 0],
  ];
  return entries.map(([k, v]) => `${k}: ${v}\n`).join('');
}

export function showBackend(state: HaproxyState): string {
  return `# name\n${state.backends.map((b) => `${b.name}\n`).join('')}`;
}
