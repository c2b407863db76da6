// Traffic counters of one HAProxy object (frontend, backend or server), as `show stat` reports them.

/** Average of the last `size` samples, like HAProxy's qtime/ctime/rtime/ttime over the last 1024 requests. */
export class RingAverage {
  private readonly values: Float64Array;
  private next = 0;
  private count = 0;
  private sum = 0;

  constructor(size = 1024) {
    this.values = new Float64Array(size);
  }

  push(value: number): void {
    if (this.count === this.values.length) this.sum -= this.values[this.next] ?? 0;
    else this.count++;
    this.values[this.next] = value;
    this.sum += value;
    this.next = (this.next + 1) % this.values.length;
  }

  average(): number {
    return this.count === 0 ? 0 : Math.round(this.sum / this.count);
  }
}

/** Events per second over the last second, estimated like HAProxy's freq_ctr (current + weighted previous period). */
export class RateCounter {
  private period = 0;
  private current = 0;
  private previous = 0;
  max = 0;

  add(atMs: number, n: number): void {
    this.rotate(atMs);
    this.current += n;
    this.max = Math.max(this.max, this.read(atMs));
  }

  read(atMs: number): number {
    this.rotate(atMs);
    const elapsed = (atMs % 1000) / 1000;
    return Math.round(this.current + this.previous * (1 - elapsed));
  }

  private rotate(atMs: number): void {
    const period = Math.floor(atMs / 1000);
    if (period === this.period) return;
    this.previous = period === this.period + 1 ? this.current : 0;
    this.current = 0;
    this.period = period;
  }
}

export interface RequestRecord {
  /** HTTP status returned to the client. */
  status: number;
  /** Server response time (ms); total time is this plus the transfer. */
  latencyMs: number;
  bytesIn: number;
  bytesOut: number;
}

export class TrafficCounters {
  stot = 0;
  lbtot = 0;
  bin = 0;
  bout = 0;
  econ = 0;
  reqTot = 0;
  /** hrsp_1xx … hrsp_5xx, hrsp_other */
  readonly hrsp = [0, 0, 0, 0, 0, 0];
  scur = 0;
  smax = 0;
  lastSessionAt: number | null = null;
  readonly rate = new RateCounter();
  readonly rtime = new RingAverage();
  readonly ttime = new RingAverage();
  rtimeMax = 0;
  ttimeMax = 0;

  /** Records `count` identical requests (aggregated sampling); averages take the sample once. */
  record(atMs: number, request: RequestRecord, count: number, balanced: boolean): void {
    this.stot += count;
    this.reqTot += count;
    if (balanced) this.lbtot += count;
    this.bin += request.bytesIn * count;
    this.bout += request.bytesOut * count;
    const klass = Math.floor(request.status / 100);
    const slot = klass >= 1 && klass <= 5 ? klass - 1 : 5;
    this.hrsp[slot] = (this.hrsp[slot] ?? 0) + count;
    this.rate.add(atMs, count);
    this.lastSessionAt = atMs;
    const ttime = request.latencyMs + 1;
    this.rtime.push(request.latencyMs);
    this.ttime.push(ttime);
    this.rtimeMax = Math.max(this.rtimeMax, Math.round(request.latencyMs));
    this.ttimeMax = Math.max(this.ttimeMax, Math.round(ttime));
  }

  /** Requests no server could take: HAProxy answers 503 itself and counts a connection error. */
  recordUnserved(atMs: number, count: number, bytesIn: number, bytesOut: number): void {
    this.stot += count;
    this.reqTot += count;
    this.econ += count;
    this.bin += bytesIn * count;
    this.bout += bytesOut * count;
    this.hrsp[4] = (this.hrsp[4] ?? 0) + count;
    this.rate.add(atMs, count);
    this.lastSessionAt = atMs;
  }

  setCurrentSessions(n: number): void {
    this.scur = n;
    this.smax = Math.max(this.smax, n);
  }

  /** Seconds since the last session, or -1 if there never was one. */
  lastSession(atMs: number): number {
    return this.lastSessionAt === null ? -1 : Math.max(0, Math.floor((atMs - this.lastSessionAt) / 1000));
  }
}
