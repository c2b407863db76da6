// The HAProxy platform module: targets are runtime APIs, services are backends, versions are sets of servers.

import type { PlatformModule } from '../platform-module';
import { haproxyTargetSchema, type HaproxyTargetConfig } from './target-schema';

export const haproxyModule: PlatformModule<HaproxyTargetConfig> = {
  platform: 'haproxy',
  label: 'HAProxy',
  targetSchema: haproxyTargetSchema,
  load: async () => (await import('./runtime')).haproxyRuntime,
  versions: (service) => Object.keys(service.versions),
  capabilities: { mirror: false, leases: false, nativeSteps: false },
};

// The platform itself is in ./runtime (loaded on demand).
export type { HaproxyPlatformOptions } from './platform';
export type { HaproxyVersionMetrics } from './counter-metrics';
export { haproxyServiceSchema, haproxyTargetSchema, type HaproxyServiceConfig, type HaproxyTargetConfig } from './target-schema';
