// The sandbox simulator as a metrics backend (`metrics: { type: sandbox, url }`).

import type { MetricsModule } from '../platform-module';
import { SandboxMetricsSource } from './source';

export const sandboxMetricsModule: MetricsModule<{ type: 'sandbox'; url: string }> = {
  type: 'sandbox',
  create: (config) => new SandboxMetricsSource(config.url),
};

export { SandboxMetricsSource, type SandboxMetricsOptions } from './source';
