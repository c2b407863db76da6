// The workspace file (switchyard.yaml): which targets to reach and what to release there.

import { z } from 'zod';
import { planSchema, ruleSchema } from './api';

export const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'use letters, digits, ".", "_" or "-"');

/** What every platform's service config has; each platform adds how to reach the service. */
export const serviceBaseShape = {
  id,
  name: z.string().optional(),
  strategy: z.enum(['canary', 'blue-green', 'rolling']).default('canary'),
  stable: z.string().min(1),
  candidate: z.string().min(1).nullable().default(null),
  plan: planSchema.optional(),
  rules: z.array(ruleSchema).optional(),
  /** Releases the error budget may freeze; set false for fixes that must ship. */
  optional: z.boolean().default(true),
};
export const serviceBaseSchema = z.object(serviceBaseShape);
export type ServiceConfigBase = z.infer<typeof serviceBaseSchema>;

export const haproxyServiceSchema = z.object({
  ...serviceBaseShape,
  backend: z.string().min(1),
  /** version name → the HAProxy server names that run it */
  versions: z.record(z.string(), z.array(z.string().min(1)).min(1)),
});
export type HaproxyServiceConfig = z.infer<typeof haproxyServiceSchema>;

export const haproxyTargetSchema = z.object({
  id,
  name: z.string().optional(),
  platform: z.literal('haproxy'),
  /** tcp://127.0.0.1:9999 or unix:///run/haproxy/admin.sock */
  runtimeApi: z.string().regex(/^(tcp:\/\/[^/]+:\d+|unix:\/\/\/.+)$/, 'expected tcp://HOST:PORT or unix:///PATH'),
  services: z.array(haproxyServiceSchema),
});
export type HaproxyTargetConfig = z.infer<typeof haproxyTargetSchema>;

// Each platform adds its target schema here (and a factory in main/host/platform-factories.ts).
export const targetConfigSchema = z.discriminatedUnion('platform', [haproxyTargetSchema]);
export type TargetConfig = z.infer<typeof targetConfigSchema>;
export type ServiceConfig = TargetConfig['services'][number];

export const metricsConfigSchema = z.discriminatedUnion('type', [
  /** The sandbox simulator's metrics endpoint (JSON windowed stats per version). */
  z.object({ type: z.literal('sandbox'), url: z.string().url() }),
]);
export type MetricsConfig = z.infer<typeof metricsConfigSchema>;

export const workspaceSchema = z.object({
  name: id,
  targets: z.array(targetConfigSchema).min(1),
  metrics: metricsConfigSchema.nullable().default(null),
  /** Sandbox scenario hints: releases the world starts on its own, and the world's speed. */
  sandbox: z
    .object({
      scenario: z.string(),
      speed: z.number().positive(),
      /** Wall-clock ms at which world time began: every process maps wall → world time the same way. */
      epochMs: z.number(),
      autoStart: z.array(z.object({ serviceId: id, afterMs: z.number().min(0) })).default([]),
    })
    .nullable()
    .default(null),
});
export type Workspace = z.infer<typeof workspaceSchema>;
