// What an action hands back to the operator.

import type { ActionResult } from '../api';
import type { Release } from '../release';
import { copyRelease, type EngineCore } from './core';
import { whereNow } from './format';
import type { RunOutcome } from './step-runner';

export function succeeded(core: EngineCore, release: Release, did: string): ActionResult {
  return { ok: true, outcome: 'done', message: `${core.serviceName(release.serviceId)}: ${did}; ${whereNow(release)}`, release: copyRelease(release) };
}

export function failed(core: EngineCore, release: Release | null, serviceId: string, message: string): ActionResult {
  const where = release ? `; the release is ${whereNow(release)}` : '';
  return { ok: false, outcome: 'failed', message: `${core.serviceName(serviceId)}: ${message}${where}`, release: release ? copyRelease(release) : null };
}

export function fromOutcome(core: EngineCore, outcome: RunOutcome, did: string): ActionResult {
  return outcome.failure
    ? failed(core, outcome.release, outcome.release.serviceId, outcome.failure.message)
    : succeeded(core, outcome.release, did);
}
