// The HAProxy platform module: targets are runtime APIs, services are backends, versions are sets of servers.

import type { PlatformModule } from '../platform-module';
import { HaproxyCounterMetrics } from './counter-metrics';
import { HaproxyPlatform } from './platform';
import { haproxyTargetSchema, type HaproxyTargetConfig } from './target-schema';

export const haproxyModule: PlatformModule<HaproxyTargetConfig> = {
  platform: 'haproxy',
  label: 'HAProxy',
  targetSchema: haproxyTargetSchema,
  create: (target) => new HaproxyPlatform(target),
  versions: (service) => Object.keys(service.versions),
  capabilities: { mirror: false, leases: false, nativeSteps: false },
  // Without a metrics backend: request and error rates from the runtime API's counters, percentiles from `logListen`.
  metrics: (target) => new HaproxyCounterMetrics(target),
};

export { HaproxyPlatform, type HaproxyPlatformOptions } from './platform';
export { HaproxyCounterMetrics, type HaproxyVersionMetrics } from './counter-metrics';
export { haproxyServiceSchema, haproxyTargetSchema, type HaproxyServiceConfig, type HaproxyTargetConfig } from './target-schema';
