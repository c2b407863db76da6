// `show servers state [<backend>]`: format version 1, as HAProxy 2.6 writes it for server-state files.

import type { EmulatedBackend } from './backend';
import type { EmulatedServer } from './server';
import type { HaproxyState } from './state';

const HEADER =
  '1\n# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight ' +
  'srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state ' +
  'bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr ' +
  'srv_agent_addr srv_agent_port\n';

const OP_STOPPED = 0;
const OP_RUNNING = 2;
const ADMIN_FMAINT = 0x01;
const ADMIN_FDRAIN = 0x08;
const RESULT_FAILED = 2;
const RESULT_PASSED = 3;
const CHECK_CONFIGURED_ENABLED = 0x06;
const CHECK_PAUSED = 0x08;

export function showServersState(state: HaproxyState, backendName: string | undefined): string {
  let backends = state.backends;
  if (backendName) {
    const backend = state.backend(backendName);
    if (!backend) return "Can't find backend.\n";
    backends = [backend];
  }
  state.advance();
  const now = state.now();
  let out = HEADER;
  for (const backend of backends) for (const server of backend.servers) out += row(backend, server, now);
  return out;
}

function row(backend: EmulatedBackend, server: EmulatedServer, now: number): string {
  const maint = server.admin === 'maint';
  const admin = maint ? ADMIN_FMAINT : server.admin === 'drain' ? ADMIN_FDRAIN : 0;
  const passed = server.lastCheck.status === 'L7OK';
  return (
    [
      backend.iid,
      backend.name,
      server.sid,
      server.name,
      server.addr,
      server.running && !maint ? OP_RUNNING : OP_STOPPED,
      admin,
      server.uweight,
      server.iweight,
      Math.max(0, Math.floor((now - server.lastChangeAt) / 1000)),
      server.lastCheck.code,
      passed ? RESULT_PASSED : RESULT_FAILED,
      server.health,
      maint ? CHECK_CONFIGURED_ENABLED | CHECK_PAUSED : CHECK_CONFIGURED_ENABLED,
      0,
      0,
      0,
      '-',
      server.port,
      '-',
      0,
      0,
      '-',
      '-',
      0,
    ].join(' ') + '\n'
  );
}
