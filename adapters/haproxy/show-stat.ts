// `show stat` CSV → typed rows, by header name (HAProxy 2.6 appends module columns after position 99).

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
  const lines = answer.split('\n');
  const headerLine = lines.find((l) => l.startsWith('# '));
  if (!headerLine) throw new Error(`show stat output has no "# " header line: ${answer.slice(0, 80)}`);
  const columns = withoutTrailingEmpty(splitCsv(headerLine.slice(2)));
  const index = new Map(columns.map((column, i) => [column, i]));
  const wanted = new Set(READ_COLUMNS.map((c) => index.get(c) ?? -1));
  const last = Math.max(...wanted);
  const rows: StatRow[] = [];
  for (const line of lines) {
    if (line === '' || line.startsWith('#')) continue;
    // 10,000 servers a poll: only the named columns are cut out of the line; the record of every column is built
    // when asked for.
    const cells = line.includes('"') ? splitCsv(line) : cutColumns(line, wanted, last);
    const get = (column: string): string | undefined => {
      const i = index.get(column);
      return i === undefined ? undefined : (cells[i] ?? '');
    };
    rows.push(toRow(get, () => {
      const every = splitCsv(line);
      return Object.fromEntries(columns.map((column, i) => [column, every[i] ?? '']));
    }));
  }
  return rows;
}

function toRow(f: (column: string) => string | undefined, all: () => Record<string, string>): StatRow {
  const check = f('check_status') ?? '';
  let fields: Record<string, string> | null = null;
  return {
    proxy: f('pxname') ?? '',
    name: f('svname') ?? '',
    type: rowType(f('type'), f('svname')),
    status: f('status') ?? '',
    weight: num(f('weight')),
    uweight: num(f('uweight')),
    checkStatus: check === '' ? null : check.replace(/^\* /, ''),
    checkCode: num(f('check_code')),
    checkDesc: text(f('check_desc')),
    scur: num(f('scur')),
    stot: num(f('stot')),
    reqTot: num(f('req_tot')),
    hrsp1xx: num(f('hrsp_1xx')),
    hrsp2xx: num(f('hrsp_2xx')),
    hrsp3xx: num(f('hrsp_3xx')),
    hrsp4xx: num(f('hrsp_4xx')),
    hrsp5xx: num(f('hrsp_5xx')),
    hrspOther: num(f('hrsp_other')),
    qtime: num(f('qtime')),
    ctime: num(f('ctime')),
    rtime: num(f('rtime')),
    ttime: num(f('ttime')),
    lastchg: num(f('lastchg')),
    addr: text(f('addr')),
    get fields() {
      return (fields ??= all());
    },
  };
}

/** The columns toRow reads. */
const READ_COLUMNS = ['pxname', 'svname', 'type', 'status', 'weight', 'uweight', 'check_status', 'check_code', 'check_desc', 'scur', 'stot', 'req_tot', 'hrsp_1xx', 'hrsp_2xx', 'hrsp_3xx', 'hrsp_4xx', 'hrsp_5xx', 'hrsp_other', 'qtime', 'ctime', 'rtime', 'ttime', 'lastchg', 'addr'];

/** The cells of an unquoted CSV line at the wanted indexes (others left empty), without splitting the rest. */
function cutColumns(line: string, want: ReadonlySet<number>, last: number): string[] {
  const cells: string[] = [];
  let from = 0;
  for (let i = 0; i <= last && from <= line.length; i++) {
    const comma = line.indexOf(',', from);
    const to = comma < 0 ? line.length : comma;
    cells[i] = want.has(i) ? line.slice(from, to) : '';
    from = to + 1;
  }
  return cells;
}

function rowType(type: string | undefined, svname: string | undefined): StatRowType {
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

function num(value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function text(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
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
