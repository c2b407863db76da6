// ECS and SDK errors as messages an operator can act on: which profile, region and cluster, and what ECS said.

import type { ServiceObservation } from '../../app/model';
import { PlatformError } from '../../app/ports';

export const THROTTLING_NAMES = ['ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'Throttling'];

const CREDENTIAL_NAMES = ['CredentialsProviderError', 'ExpiredTokenException', 'ExpiredToken', 'UnrecognizedClientException', 'InvalidSignatureException', 'AccessDeniedException', 'TokenProviderError'];
const CONNECTION_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'EHOSTUNREACH', 'TimeoutError'];

export function errorName(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const named = error as { name?: unknown; code?: unknown };
  return typeof named.code === 'string' && CONNECTION_CODES.includes(named.code) ? named.code : typeof named.name === 'string' ? named.name : '';
}

export function isThrottling(error: unknown): boolean {
  return THROTTLING_NAMES.includes(errorName(error));
}

/** The target cannot be reached at all (network, credentials), as opposed to ECS refusing one request. */
export function isUnreachable(error: unknown): boolean {
  const name = errorName(error);
  return CONNECTION_CODES.includes(name) || CREDENTIAL_NAMES.includes(name) || isThrottling(error);
}

function hint(name: string): string {
  if (name === 'CredentialsProviderError') return ' (no credentials: run `aws sso login` or check the profile and AWS_PROFILE)';
  if (name === 'ExpiredTokenException' || name === 'ExpiredToken') return ' (the session expired: run `aws sso login` again)';
  if (isThrottling({ name })) return ' (ECS throttled the account; Switchyard polls more slowly until it stops)';
  if (name === 'ClusterNotFoundException') return ' (check the cluster name and region)';
  return '';
}

/** A PlatformError naming where and what: "ECS cluster c1 in eu-west-1 (profile prod): DescribeServices: …". */
export function ecsError(where: string, targetId: string, operation: string, error: unknown, observation?: ServiceObservation): PlatformError {
  if (error instanceof PlatformError) return error;
  const name = errorName(error);
  const message = error instanceof Error ? error.message : String(error);
  const prefix = name && !message.startsWith(name) ? `${name}: ` : '';
  return new PlatformError(`ECS ${where}: ${operation} failed: ${prefix}${message}${hint(name)}`, targetId, observation);
}
