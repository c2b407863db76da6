// `show servers state` → typed rows (format version 1: a "1" line, a "# " header, space-separated rows).

import { ColumnCutter } from './columns';

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
  const cutter = new ColumnCutter(columns, READ_COLUMNS, ' ');
  const rows: ServerStateRow[] = [];
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n]!;
    if (line.startsWith('#') || line.trim() === '') continue;
    // HAProxy separates words by one space; anything else is cut the slow way.
    const irregular = line.includes('  ') || line.includes('\t') || line.startsWith(' ');
    const cells = irregular ? cutter.pick(line.trim().split(/\s+/)) : cutter.cut(line);
    rows.push(new ParsedStateRow(cells, line, columns));
  }
  return rows;
}


/** The columns a row reads, in the order of its cells. */
// srv_addr and srv_port (columns 4 and 18) are read from the row's fields when asked for: no poll needs them.
const READ_COLUMNS = ['be_id', 'be_name', 'srv_id', 'srv_name', 'srv_op_state', 'srv_admin_state', 'srv_uweight', 'srv_iweight', 'srv_check_result'] as const;

/** One row; the record of every column is built only when asked for. */
class ParsedStateRow implements ServerStateRow {
  readonly backendId: number;
  readonly backend: string;
  readonly serverId: number;
  readonly server: string;
  readonly opState: OpState;
  readonly adminBits: number;
  readonly adminState: AdminState;
  readonly uweight: number;
  readonly iweight: number;
  readonly checkResult: CheckResult;
  #fields: Record<string, string> | null = null;

  constructor(
    cells: readonly string[],
    private readonly line: string,
    private readonly columns: readonly string[],
  ) {
    this.backendId = int(cells[0]);
    this.backend = cells[1]!;
    this.serverId = int(cells[2]);
    this.server = cells[3]!;
    this.opState = OP_STATES[int(cells[4])] ?? 'stopped';
    this.adminBits = int(cells[5]);
    this.adminState = adminStateOf(this.adminBits);
    this.uweight = int(cells[6]);
    this.iweight = int(cells[7]);
    this.checkResult = CHECK_RESULTS[int(cells[8])] ?? 'unknown';
  }

  get address(): string {
    return this.fields.srv_addr ?? '';
  }

  get port(): number | null {
    const port = this.fields.srv_port ?? '';
    return port === '-' || port === '' ? null : int(port);
  }

  get fields(): Record<string, string> {
    if (this.#fields === null) {
      const cells = this.line.trim().split(/\s+/);
      this.#fields = Object.fromEntries(this.columns.map((column, i) => [column, cells[i] ?? '']));
    }
    return this.#fields;
  }
}

function int(value: string | undefined): number {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) ? n : 0;
}
