// The typed API clients of one context: every request has a timeout, and closing the platform cancels what is in flight.

import {
  AppsV1Api,
  CoordinationV1Api,
  CoreV1Api,
  createConfiguration,
  CustomObjectsApi,
  ServerConfiguration,
  type KubeConfig,
  type RequestContext,
} from '@kubernetes/client-node';
import { APPLIED_PER_REQUEST, nodeHttpLibrary } from './node-http';

export interface KubeClients {
  config: KubeConfig;
  apps: AppsV1Api;
  core: CoreV1Api;
  custom: CustomObjectsApi;
  coordination: CoordinationV1Api;
}

export interface ClientOptions {
  /** Per request (answer and body); an API server that accepts and never answers fails the request then. */
  timeoutMs: number;
  /** Aborts every request in flight (the platform closes). */
  signal?: AbortSignal;
}

/**
 * Generous for a real API server: a list of a busy namespace's pods takes seconds, not tens of seconds.
 * Watches are not requests here: the client's Watch keeps its own inactivity timeout.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

export function makeClients(config: KubeConfig, options: ClientOptions = { timeoutMs: REQUEST_TIMEOUT_MS }): KubeClients {
  const cluster = config.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig context names no cluster');
  // As KubeConfig.makeApiClient builds it, plus a deadline (and the platform's abort) on every request, sent over
  // node:http(s) with the kubeconfig applied to each request (node-http.ts).
  const configuration = createConfiguration({
    baseServer: new ServerConfiguration(cluster.server, {}),
    httpApi: nodeHttpLibrary(config),
    authMethods: { default: APPLIED_PER_REQUEST },
    promiseMiddleware: [
      {
        pre: async (request: RequestContext) => {
          const timeout = AbortSignal.timeout(options.timeoutMs);
          request.setSignal(options.signal ? AbortSignal.any([timeout, options.signal]) : timeout);
          request.setHeaderParam('User-Agent', 'switchyard (kubernetes-client-javascript)');
          return request;
        },
        post: async (response) => response,
      },
    ],
  });
  return {
    config,
    apps: new AppsV1Api(configuration),
    core: new CoreV1Api(configuration),
    custom: new CustomObjectsApi(configuration),
    coordination: new CoordinationV1Api(configuration),
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
