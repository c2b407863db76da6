// The ECS client of one target, set up like the AWS CLI: profile, region, the SDK's default credential chain.

import { ECSClient, type ECSClientConfig } from '@aws-sdk/client-ecs';
import type { EcsTargetConfig } from './target-schema';

/** Attempts per call, throttling included; the adaptive mode also slows the client down when ECS throttles. */
export const MAX_ATTEMPTS = 6;

/**
 * Per attempt: connecting, then the whole request and answer. ECS answers in well under a second; an endpoint that
 * accepts and never answers fails the attempt then (and the host's deadline bounds the retries).
 */
export const CONNECT_TIMEOUT_MS = 5_000;
export const REQUEST_TIMEOUT_MS = 10_000;

/** Credentials for a loopback endpoint (the sandbox) reached without a profile: it ignores the signature. */
const LOOPBACK_CREDENTIALS = { accessKeyId: 'switchyard-sandbox', secretAccessKey: 'switchyard-sandbox' } as const;

export function isLoopbackEndpoint(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  try {
    const host = new URL(endpoint).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    return false;
  }
}

/**
 * The client configuration for a target. Credentials are never put here for AWS: the SDK resolves them
 * from the profile (shared config/credentials files, SSO, process) or the default chain (env vars, AWS_PROFILE,
 * web identity, container and instance roles), in this process only.
 */
export function ecsClientConfig(target: Pick<EcsTargetConfig, 'profile' | 'region' | 'endpoint'>, requestTimeoutMs = REQUEST_TIMEOUT_MS): ECSClientConfig {
  return {
    region: target.region,
    ...(target.profile ? { profile: target.profile } : {}),
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    ...(target.endpoint && !target.profile && isLoopbackEndpoint(target.endpoint) ? { credentials: LOOPBACK_CREDENTIALS } : {}),
    retryMode: 'adaptive',
    maxAttempts: MAX_ATTEMPTS,
    requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout: requestTimeoutMs, throwOnRequestTimeout: true },
  };
}

export function createEcsClient(target: Pick<EcsTargetConfig, 'profile' | 'region' | 'endpoint'>, requestTimeoutMs?: number): ECSClient {
  return new ECSClient(ecsClientConfig(target, requestTimeoutMs));
}

/** Where a target is, for display and error messages: never a secret. */
export function describeTarget(target: Pick<EcsTargetConfig, 'profile' | 'region' | 'cluster' | 'endpoint'>): string {
  const profile = target.profile ? `profile ${target.profile}` : 'default credentials';
  const endpoint = target.endpoint ? ` via ${target.endpoint}` : '';
  return `cluster ${target.cluster} in ${target.region} (${profile}${endpoint})`;
}
