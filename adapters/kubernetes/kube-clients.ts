// The typed API clients of one context.

import { AppsV1Api, CoordinationV1Api, CoreV1Api, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';

export interface KubeClients {
  config: KubeConfig;
  apps: AppsV1Api;
  core: CoreV1Api;
  custom: CustomObjectsApi;
  coordination: CoordinationV1Api;
}

export function makeClients(config: KubeConfig): KubeClients {
  return {
    config,
    apps: config.makeApiClient(AppsV1Api),
    core: config.makeApiClient(CoreV1Api),
    custom: config.makeApiClient(CustomObjectsApi),
    coordination: config.makeApiClient(CoordinationV1Api),
  };
}

export interface CustomResource {
  group: string;
  version: string;
  plural: string;
}

export const HTTP_ROUTES: CustomResource = { group: 'gateway.networking.k8s.io', version: 'v1', plural: 'httproutes' };
export const VIRTUAL_SERVICES: CustomResource = { group: 'networking.istio.io', version: 'v1', plural: 'virtualservices' };
export const ROLLOUTS: CustomResource = { group: 'argoproj.io', version: 'v1alpha1', plural: 'rollouts' };
