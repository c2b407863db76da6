// The HAProxy target of a workspace: a runtime-API address, and services that are backends with versions as server sets.

import { z } from 'zod';
import { id, serviceBaseShape } from '../../app/workspace';

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
  /** udp://127.0.0.1:5514: Switchyard receives HAProxy's httplog here (`log udp@…` in haproxy.cfg) for p50/p95/p99. */
  logListen: z.string().regex(/^udp:\/\/[^/]+:\d+$/, 'expected udp://HOST:PORT').optional(),
  services: z.array(haproxyServiceSchema),
});
export type HaproxyTargetConfig = z.infer<typeof haproxyTargetSchema>;
