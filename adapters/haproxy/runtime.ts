// What reaches HAProxy's runtime API and measures its counters: loaded only for a workspace with an HAProxy target.

import type { PlatformRuntime } from '../platform-module';
import { HaproxyCounterMetrics } from './counter-metrics';
import { HaproxyPlatform } from './platform';
import type { HaproxyTargetConfig } from './target-schema';

export const haproxyRuntime: PlatformRuntime<HaproxyTargetConfig> = {
  create: (target) => new HaproxyPlatform(target),
  // Without a metrics backend: request and error rates from the runtime API's counters, percentiles from `logListen`.
  metrics: (target) => new HaproxyCounterMetrics(target),
};

export { HaproxyCounterMetrics } from './counter-metrics';
export { HaproxyPlatform } from './platform';
