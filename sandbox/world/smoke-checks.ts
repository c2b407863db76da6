// The seed article's smoke tests, aimed at a sandbox version's endpoints on the metrics server.

import { httpCheck } from '../../app/plans';
import type { SmokeCheck } from '../../app/plan';

/** Homepage 200 in < 300 ms; health says `status: ok`; the admin page refuses an anonymous user. */
export function sandboxSmokeChecks(metricsUrl: string, serviceId: string, version: string): SmokeCheck[] {
  const base = `${metricsUrl}/v1/smoke/${encodeURIComponent(serviceId)}/${encodeURIComponent(version)}`;
  return [
    httpCheck('homepage', `${base}/`, { maxLatencyMs: 300 }),
    httpCheck('health', `${base}/healthz`, { bodyContains: '"status":"ok"' }),
    httpCheck('admin refuses anonymous', `${base}/admin`, { expectStatus: 401 }),
  ];
}
