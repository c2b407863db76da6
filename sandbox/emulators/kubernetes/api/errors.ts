// Status error objects exactly as kube-apiserver sends them.

import { qualifiedKind, qualifiedName, type ResourceType } from './resources';

export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: { name?: string; group?: string; kind?: string; uid?: string; causes?: StatusCause[]; retryAfterSeconds?: number };
  code: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusBody['details'],
  ) {
    super(message);
  }

  body(): StatusBody {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

function details(resource: ResourceType, name: string) {
  return { name, ...(resource.group ? { group: resource.group } : {}), kind: resource.name };
}

export function notFound(resource: ResourceType, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualifiedName(resource)} "${name}" not found`, details(resource, name));
}

export function alreadyExists(resource: ResourceType, name: string): ApiError {
  return new ApiError(409, 'AlreadyExists', `${qualifiedName(resource)} "${name}" already exists`, details(resource, name));
}

export function conflict(resource: ResourceType, name: string): ApiError {
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedName(resource)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    details(resource, name),
  );
}

export function invalid(resource: ResourceType, name: string, causes: StatusCause[]): ApiError {
  const summary = causes.map((c) => c.message).join(', ');
  const text = causes.length === 1 ? summary : `[${summary}]`;
  return new ApiError(422, 'Invalid', `${qualifiedKind(resource)} "${name}" is invalid: ${text}`, {
    name,
    ...(resource.group ? { group: resource.group } : {}),
    kind: resource.kind,
    // A cause's message is the error's body alone, as the real server sends it: kubectl prints "<field>: <message>".
    causes: causes.map((c) => (c.field && c.message.startsWith(`${c.field}: `) ? { ...c, message: c.message.slice(c.field.length + 2) } : c)),
  });
}

export function invalidValue(field: string, value: unknown, why: string): StatusCause {
  return { reason: 'FieldValueInvalid', message: `${field}: Invalid value: ${formatValue(value)}: ${why}`, field };
}

export function requiredValue(field: string, detail = ''): StatusCause {
  return { reason: 'FieldValueRequired', message: `${field}: Required value${detail ? `: ${detail}` : ''}`, field };
}

/** A value outside a closed set: the supported values listed sorted and quoted, as field.NotSupported words it. */
export function notSupported(field: string, value: string, supported: string[]): StatusCause {
  const listed = [...supported].sort().map((v) => JSON.stringify(v)).join(', ');
  return { reason: 'FieldValueNotSupported', message: `${field}: Unsupported value: ${JSON.stringify(value)}: supported values: ${listed}`, field };
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

export function methodNotAllowed(): ApiError {
  return new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

export function notFoundPath(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function unsupportedMediaType(accepted: string[]): ApiError {
  return new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
  );
}

export function expired(requested: string, oldest: number): ApiError {
  return new ApiError(410, 'Expired', `too old resource version: ${requested} (${oldest})`);
}

export function patchRejected(): ApiError {
  return new ApiError(422, 'Invalid', 'the server rejected our request due to an error in our request');
}
