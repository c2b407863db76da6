// What Kubernetes says about a service beyond the split: how traffic moves, rollout progress, mirroring, gaps.

import { z } from 'zod';
import { KUBE_MODES } from './modes';

const count = z.number().int();

/** A Deployment's rolling update as `kubectl rollout status` reads it. */
export const kubeDeploymentProgressSchema = z.object({
  name: z.string(),
  desired: count,
  updated: count,
  ready: count,
  available: count,
  paused: z.boolean(),
  /** The Progressing condition: its reason (or type) and message. */
  progressing: z.object({ reason: z.string(), message: z.string().nullable() }).nullable(),
});

/** An Argo Rollout's status. */
export const kubeRolloutStatusSchema = z.object({
  name: z.string(),
  phase: z.string().nullable(),
  message: z.string().nullable(),
  /** Reasons of the Rollout's pause conditions (empty while it runs). */
  pausedFor: z.array(z.string()),
  aborted: z.boolean(),
});

export const kubeDetailSchema = z.object({
  namespace: z.string(),
  mode: z.enum(KUBE_MODES),
  /** The object that carries the traffic (HTTPRoute, VirtualService, Service, Deployment or Rollout), null where none is named. */
  carrier: z.string().nullable(),
  /** Rolling mode: the Deployment's progress. */
  deployment: kubeDeploymentProgressSchema.nullable(),
  /** Argo Rollout mode: the Rollout's status. */
  rollout: kubeRolloutStatusSchema.nullable(),
  /** Shadow traffic on the HTTPRoute or VirtualService: which version receives a copy of what share. */
  mirror: z.object({ version: z.string(), percent: z.number().finite() }).nullable(),
  /** Versions whose configured Deployment is not in the cluster. */
  missing: z.array(z.object({ version: z.string(), deployment: z.string() })),
  /** Why the watch cache may be behind the cluster, or null when it is current. */
  stale: z.string().nullable(),
});

export type KubeDeploymentProgress = z.infer<typeof kubeDeploymentProgressSchema>;
export type KubeRolloutStatus = z.infer<typeof kubeRolloutStatusSchema>;
export type KubeDetail = z.infer<typeof kubeDetailSchema>;
