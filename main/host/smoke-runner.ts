// Smoke checks over HTTP: expected status, optional body text and latency limit, each with a timeout.

import type { SmokeCheck } from '../../app/plan';
import type { SmokeResult, SmokeRunner } from '../../app/ports';

export class FetchSmokeRunner implements SmokeRunner {
  constructor(private readonly options: { timeoutMs?: number } = {}) {}

  run(checks: SmokeCheck[]): Promise<SmokeResult[]> {
    return Promise.all(checks.map((check) => this.runOne(check)));
  }

  private async runOne(check: SmokeCheck): Promise<SmokeResult> {
    const timeoutMs = this.options.timeoutMs ?? 5000;
    const started = performance.now();
    let status: number;
    let body: string;
    try {
      const response = await fetch(check.url, { method: check.method, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
      status = response.status;
      body = check.method === 'HEAD' ? '' : await response.text();
    } catch (error) {
      const err = error as Error;
      const why = err.name === 'TimeoutError' || err.name === 'AbortError' ? `no answer within ${timeoutMs} ms` : causeOf(err);
      return { check: check.name, ok: false, detail: `${check.method} ${check.url}: ${why}` };
    }
    const latencyMs = Math.round(performance.now() - started);
    const at = `${check.method} ${check.url}`;
    if (status !== check.expectStatus) {
      return { check: check.name, ok: false, detail: `${at}: status ${status}, expected ${check.expectStatus} (${latencyMs} ms)` };
    }
    if (check.bodyContains !== null && !body.includes(check.bodyContains)) {
      return { check: check.name, ok: false, detail: `${at}: body does not contain ${JSON.stringify(check.bodyContains)}` };
    }
    if (check.maxLatencyMs !== null && latencyMs > check.maxLatencyMs) {
      return { check: check.name, ok: false, detail: `${at}: took ${latencyMs} ms, limit ${check.maxLatencyMs} ms` };
    }
    return { check: check.name, ok: true, detail: `${at}: ${status} in ${latencyMs} ms` };
  }
}

function causeOf(error: Error): string {
  const cause = (error as Error & { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code ? `${code} (${cause.message})` : cause.message;
  }
  return error.message;
}
