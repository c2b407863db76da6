// The Prometheus HTTP API (/api/v1/query, /api/v1/query_range): one scalar per query, or a series.

import { getText, type GetAnswer } from '../http-get';

export class PrometheusError extends Error {
  override name = 'PrometheusError';
}

interface ApiBody {
  status?: string;
  error?: string;
  errorType?: string;
  data?: { resultType?: string; result?: unknown };
}

type Sample = [number, string];

export class PrometheusClient {
  private readonly base: URL;

  constructor(
    url: string,
    private readonly timeoutMs = 2000,
  ) {
    this.base = new URL(url.endsWith('/') ? url : `${url}/`);
  }

  get origin(): string {
    return this.base.origin;
  }

  /** The first element's value at `time` (seconds), null when the vector is empty or the value is NaN/±Inf. */
  async scalar(query: string, time?: number): Promise<number | null> {
    const params = new URLSearchParams({ query });
    if (time !== undefined) params.set('time', String(time));
    const data = await this.get('api/v1/query', params);
    if (data.resultType === 'scalar') return finite((data.result as Sample)[1]);
    if (data.resultType !== 'vector') throw new PrometheusError(`answered a ${data.resultType} where a vector was expected: ${query}`);
    const first = (data.result as { value: Sample }[])[0];
    return first ? finite(first.value[1]) : null;
  }

  /** The first series of a range query as [seconds, value] pairs (NaN values left out). */
  async range(query: string, startSec: number, endSec: number, stepSec: number): Promise<{ t: number; value: number }[]> {
    const params = new URLSearchParams({ query, start: String(startSec), end: String(endSec), step: String(stepSec) });
    const data = await this.get('api/v1/query_range', params);
    if (data.resultType !== 'matrix') throw new PrometheusError(`answered a ${data.resultType} where a matrix was expected: ${query}`);
    const first = (data.result as { values: Sample[] }[])[0];
    return (first?.values ?? []).flatMap(([t, v]) => {
      const value = finite(v);
      return value === null ? [] : [{ t, value }];
    });
  }

  private async get(path: string, params: URLSearchParams): Promise<NonNullable<ApiBody['data']>> {
    const url = new URL(path, this.base);
    url.search = params.toString();
    let response: GetAnswer;
    try {
      response = await getText(url, { timeoutMs: this.timeoutMs, headers: { accept: 'application/json' } });
    } catch (error) {
      throw new PrometheusError(`Prometheus at ${url.origin} ${unreachable(error, this.timeoutMs)}`);
    }
    const text = response.text;
    let body: ApiBody;
    try {
      body = JSON.parse(text) as ApiBody;
    } catch {
      throw new PrometheusError(`Prometheus at ${url.origin} answered HTTP ${response.status} with something that is not JSON: ${text.slice(0, 200)}`);
    }
    if (body.status !== 'success' || !body.data) {
      throw new PrometheusError(`Prometheus at ${url.origin} refused the query (${body.errorType ?? `HTTP ${response.status}`}): ${body.error ?? text.slice(0, 200)}`);
    }
    return body.data;
  }
}

function finite(value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function unreachable(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `did not answer within ${timeoutMs} ms`;
  if (e?.cause?.code === 'ECONNREFUSED') return 'refused the connection';
  return `is unreachable: ${e?.cause?.message ?? e?.message ?? String(error)}`;
}
