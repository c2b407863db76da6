// `show servers state` → typed rows (format version 1: a "1" line, a "# " header, space-separated rows).

export type OpState = 'stopped' | 'starting' | 'running' | 'stopping';
export type AdminState = 'ready' | 'drain' | 'maint';
export type CheckResult = 'unknown' | 'neutral' | 'failed' | 'passed' | 'condpass';

export interface ServerStateRow {
  backendId: number;
  backend: string;
  serverId: number;
  server: string;
  address: string;
  port: number | null;
  opState: OpState;
  /** Raw srv_admin_state bitmask. */
  adminBits: number;
  adminState: AdminState;
  uweight: number;
  iweight: number;
  checkResult: CheckResult;
  fields: Record<string, string>;
}

export const ADMIN_BITS = {
  FMAINT: 0x01,
  IMAINT: 0x02,
  CMAINT: 0x04,
  FDRAIN: 0x08,
  IDRAIN: 0x10,
  RMAINT: 0x20,
  HMAINT: 0x40,
} as const;

// As HAProxy's SRV_ADMF_MAINT: CMAINT only records that the config said `disabled` (it stays set after
// `state ready`), and HMAINT records an FQDN set over the socket; neither keeps a server out of load balancing.
const MAINT_MASK = ADMIN_BITS.FMAINT | ADMIN_BITS.IMAINT | ADMIN_BITS.RMAINT;
const DRAIN_MASK = ADMIN_BITS.FDRAIN | ADMIN_BITS.IDRAIN;

const OP_STATES: readonly OpState[] = ['stopped', 'starting', 'running', 'stopping'];
const CHECK_RESULTS: readonly CheckResult[] = ['unknown', 'neutral', 'failed', 'passed', 'condpass'];

export function isServersStateAnswer(answer: string): boolean {
  return /^\d+\n# be_id /.test(answer);
}

/** Maintenance wins over drain: a server in both takes no traffic at all. */
export function adminStateOf(bits: number): AdminState {
  if (bits & MAINT_MASK) return 'maint';
  if (bits & DRAIN_MASK) return 'drain';
  return 'ready';
}

export function parseServersState(answer: string): ServerStateRow[] {
  const lines = answer.split('\n');
  const format = lines[0]?.trim();
  if (format !== '1') throw new Error(`show servers state: unsupported format version "${format ?? ''}" (expected 1)`);
  const headerLine = lines.find((l) => l.startsWith('# '));
  if (!headerLine) throw new Error('show servers state output has no "# " header line');
  const columns = headerLine.slice(2).trim().split(/\s+/);
  const index = new Map(columns.map((column, i) => [column, i]));
  const rows: ServerStateRow[] = [];
  for (const line of lines.slice(1)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const cells = line.trim().split(/\s+/);
    // Read by column index; the record of every column is built only when asked for (10,000 servers a poll).
    const get = (column: string): string | undefined => {
      const i = index.get(column);
      return i === undefined ? undefined : (cells[i] ?? '');
    };
    rows.push(toRow(get, () => Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? '']))));
  }
  return rows;
}

function toRow(f: (column: string) => string | undefined, all: () => Record<string, string>): ServerStateRow {
  const adminBits = int(f('srv_admin_state'));
  const port = f('srv_port');
  let fields: Record<string, string> | null = null;
  return {
    backendId: int(f('be_id')),
    backend: f('be_name') ?? '',
    serverId: int(f('srv_id')),
    server: f('srv_name') ?? '',
    address: f('srv_addr') ?? '',
    port: port === undefined || port === '-' || port === '' ? null : int(port),
    opState: OP_STATES[int(f('srv_op_state'))] ?? 'stopped',
    adminBits,
    adminState: adminStateOf(adminBits),
    uweight: int(f('srv_uweight')),
    iweight: int(f('srv_iweight')),
    checkResult: CHECK_RESULTS[int(f('srv_check_result'))] ?? 'unknown',
    get fields() {
      return (fields ??= all());
    },
  };
}

function int(value: string | undefined): number {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) ? n : 0;
}
