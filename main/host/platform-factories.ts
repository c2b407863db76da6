// One factory per platform: the adapter for a target, and the versions of one of its configured services.
// A new platform adds its entry here and its target schema in app/workspace.ts.

import type { TargetView } from '../../app/model';
import type { TrafficPlatform } from '../../app/ports';
import type { ServiceConfig, TargetConfig } from '../../app/workspace';
import { HaproxyPlatform } from '../../adapters/haproxy/platform';

export interface WorkspacePlatform extends TrafficPlatform {
  targetView(): TargetView;
}

interface PlatformFactory<T extends TargetConfig> {
  create(target: T): WorkspacePlatform;
  /** The versions a configured service can run, before the platform is asked. */
  versions(service: T['services'][number]): string[];
}

type Factories = { [P in TargetConfig['platform']]: PlatformFactory<Extract<TargetConfig, { platform: P }>> };

const factories: Factories = {
  haproxy: {
    create: (target) => new HaproxyPlatform(target),
    versions: (service) => Object.keys(service.versions),
  },
};

export function createPlatform(target: TargetConfig): WorkspacePlatform {
  return (factories[target.platform] as PlatformFactory<TargetConfig>).create(target);
}

export function configuredVersions(target: TargetConfig, service: ServiceConfig): string[] {
  return (factories[target.platform] as PlatformFactory<TargetConfig>).versions(service);
}
