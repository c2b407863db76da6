// What reaches a Kubernetes API server (the client library): loaded only for a workspace with a Kubernetes target.

import type { PlatformRuntime } from '../platform-module';
import { driverIdentity } from './identity';
import { KubernetesPlatform } from './platform';
import type { KubernetesTargetConfig } from './target-schema';

export const kubernetesRuntime: PlatformRuntime<KubernetesTargetConfig> = {
  // Read once (`switchyard status`): the namespaces are listed, not watched.
  create: (target, env) => new KubernetesPlatform(target, { identity: driverIdentity(env.operator), watch: !env.readOnce }),
};

export { KubernetesPlatform } from './platform';
