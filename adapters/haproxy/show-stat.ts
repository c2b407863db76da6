// `show stat` CSV → typed rows, by header name (HAProxy 2.6 appends module columns after position 99).

import { ColumnCutter } from './columns';

export type StatRowType = 'frontend' | 'backend' | 'server' | 'listener';

export interface StatRow {
  proxy: string;
  /** Server name, or FRONTEND / BACKEND. */
  name: string;
  type: StatRowType;
  /** UP, DOWN, DRAIN, MAINT, MAINT(via), NOLB, OPEN, "no check" or a transitional form such as "UP 1/3". */
  status: string;
  /** Effective weight (for a backend: the sum over its servers). */
  weight: number | null;
  /** Weight set by the user (config or runtime API). */
  uweight: number | null;
  /** Last health-check result (L4OK, L7STS, …) without the "* " running marker; null without checks. */
  checkStatus: string | null;
  checkCode: number | null;
  checkDesc: string | null;
  scur: number | null;
  stot: number | null;
  reqTot: number | null;
  hrsp1xx: number | null;
  hrsp2xx: number | null;
  hrsp3xx: number | null;
  hrsp4xx: number | null;
  hrsp5xx: number | null;
  hrspOther: number | null;
  /** Average times over the last 1024 requests, ms. */
  qtime: number | null;
  ctime: number | null;
  rtime: number | null;
  ttime: number | null;
  /** Seconds since the last UP/DOWN change. */
  lastchg: number | null;
  addr: string | null;
  /** Every column by header name, verbatim. */
  fields: Record<string, string>;
}

export function isShowStatAnswer(answer: string): boolean {
  return answer.startsWith('# pxname,');
}

export function parseShowStat(answer: string): StatRow[] {
  return cutRows(answer, READ_COLUMNS, (cells, line, columns) => new ParsedStatRow(cells, line, columns));
}

/** What a server's place in load balancing needs, and nothing else (10,000 servers a poll). */
export type ServerStatusRow = Pick<StatRow, 'proxy' | 'name' | 'type' | 'status' | 'weight' | 'uweight' | 'checkStatus'>;

/**
 * Backend and server rows with their status, weights and check. The user weight sits at column 99 in HAProxy 2.6:
 * it is cut out only when asked for (`show servers state` has it too).
 */
export function parseServerStatus(answer: string, withUserWeight: boolean): ServerStatusRow[] {
  return cutRows(answer, withUserWeight ? STATUS_COLUMNS : STATUS_COLUMNS.slice(0, -1), (cells) => {
    const check = cells[5]!;
    return {
      proxy: cells[0]!,
      name: cells[1]!,
      type: rowType(cells[2]!, cells[1]!),
      status: cells[3]!,
      weight: num(cells[4]!),
      uweight: withUserWeight ? num(cells[6]!) : null,
      checkStatus: checkOf(check),
    };
  });
}

/** Each row line cut into the cells of `wanted` (in that order; '' for a column the header lacks), the rest skipped. */
function cutRows<T>(answer: string, wanted: readonly string[], row: (cells: string[], line: string, columns: string[]) => T): T[] {
  const lines = answer.split('\n');
  const headerLine = lines.find((l) => l.startsWith('# '));
  if (!headerLine) throw new Error(`show stat output has no "# " header line: ${answer.slice(0, 80)}`);
  const columns = withoutTrailingEmpty(splitCsv(headerLine.slice(2)));
  const cutter = new ColumnCutter(columns, wanted, ',');
  const rows: T[] = [];
  for (const line of lines) {
    if (line === '' || line.startsWith('#')) continue;
    const cells = line.includes('"') ? cutter.pick(splitCsv(line)) : cutter.cut(line);
    rows.push(row(cells, line, columns));
  }
  return rows;
}

const STATUS_COLUMNS = ['pxname', 'svname', 'type', 'status', 'weight', 'check_status', 'uweight'] as const;


/** The columns a row reads, in the order of its cells. */
const READ_COLUMNS = ['pxname', 'svname', 'type', 'status', 'weight', 'uweight', 'check_status', 'check_code', 'check_desc', 'scur', 'stot', 'req_tot', 'hrsp_1xx', 'hrsp_2xx', 'hrsp_3xx', 'hrsp_4xx', 'hrsp_5xx', 'hrsp_other', 'qtime', 'ctime', 'rtime', 'ttime', 'lastchg', 'addr'] as const;

/** One row; the record of every column is built only when asked for. */
class ParsedStatRow implements StatRow {
  readonly proxy: string;
  readonly name: string;
  readonly type: StatRowType;
  readonly status: string;
  readonly weight: number | null;
  readonly uweight: number | null;
  readonly checkStatus: string | null;
  readonly checkCode: number | null;
  readonly checkDesc: string | null;
  readonly scur: number | null;
  readonly stot: number | null;
  readonly reqTot: number | null;
  readonly hrsp1xx: number | null;
  readonly hrsp2xx: number | null;
  readonly hrsp3xx: number | null;
  readonly hrsp4xx: number | null;
  readonly hrsp5xx: number | null;
  readonly hrspOther: number | null;
  readonly qtime: number | null;
  readonly ctime: number | null;
  readonly rtime: number | null;
  readonly ttime: number | null;
  readonly lastchg: number | null;
  readonly addr: string | null;
  #fields: Record<string, string> | null = null;

  constructor(
    cells: readonly string[],
    private readonly line: string,
    private readonly columns: readonly string[],
  ) {
    const check = cells[6]!;
    this.proxy = cells[0]!;
    this.name = cells[1]!;
    this.type = rowType(cells[2]!, cells[1]!);
    this.status = cells[3]!;
    this.weight = num(cells[4]!);
    this.uweight = num(cells[5]!);
    this.checkStatus = checkOf(check);
    this.checkCode = num(cells[7]!);
    this.checkDesc = text(cells[8]!);
    this.scur = num(cells[9]!);
    this.stot = num(cells[10]!);
    this.reqTot = num(cells[11]!);
    this.hrsp1xx = num(cells[12]!);
    this.hrsp2xx = num(cells[13]!);
    this.hrsp3xx = num(cells[14]!);
    this.hrsp4xx = num(cells[15]!);
    this.hrsp5xx = num(cells[16]!);
    this.hrspOther = num(cells[17]!);
    this.qtime = num(cells[18]!);
    this.ctime = num(cells[19]!);
    this.rtime = num(cells[20]!);
    this.ttime = num(cells[21]!);
    this.lastchg = num(cells[22]!);
    this.addr = text(cells[23]!);
  }

  get fields(): Record<string, string> {
    if (this.#fields === null) {
      const every = splitCsv(this.line);
      this.#fields = Object.fromEntries(this.columns.map((column, i) => [column, every[i] ?? '']));
    }
    return this.#fields;
  }
}

/** Without the "* " marker HAProxy puts on a check that is running. */
function checkOf(check: string): string | null {
  return check === '' ? null : check.startsWith('* ') ? check.slice(2) : check;
}

function rowType(type: string, svname: string): StatRowType {
  switch (type) {
    case '0':
      return 'frontend';
    case '1':
      return 'backend';
    case '2':
      return 'server';
    case '3':
      return 'listener';
  }
  if (svname === 'FRONTEND') return 'frontend';
  if (svname === 'BACKEND') return 'backend';
  return 'server';
}

function num(value: string): number | null {
  if (value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function text(value: string): string | null {
  return value === '' ? null : value;
}

function withoutTrailingEmpty(cells: string[]): string[] {
  return cells.length > 0 && cells[cells.length - 1] === '' ? cells.slice(0, -1) : cells;
}

/** Splits one CSV line; HAProxy quotes a field that contains a comma or a quote. */
export function splitCsv(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}
