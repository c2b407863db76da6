// Identifiers shaped like ECS's: 32-hex task ids, 21-char deployment/revision ids, ecs-pause-… hook ids.

import { randomBytes } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function taskId(): string {
  return randomBytes(16).toString('hex');
}

export function shortId(length = 21): string {
  const bytes = randomBytes(length);
  return [...bytes].map((b) => ALNUM[b % ALNUM.length]).join('');
}

export function hookId(targetType: 'PAUSE' | 'AWS_LAMBDA'): string {
  return `${targetType === 'PAUSE' ? 'ecs-pause' : 'ecs-lambda'}-${randomBytes(32).toString('base64url')}`;
}

export function eventId(): string {
  return `${randomBytes(4).toString('hex')}-${randomBytes(2).toString('hex')}-${randomBytes(2).toString('hex')}-${randomBytes(2).toString('hex')}-${randomBytes(6).toString('hex')}`;
}

/** 19 decimal digits, like service-revision and ecs-svc ids. */
export function numericId(): string {
  const digits = [...randomBytes(19)].map((b) => String(b % 10));
  if (digits[0] === '0') digits[0] = '1';
  return digits.join('');
}
