// The control-room API, defined once: served over Electron IPC, HTTP/WebSocket and in-process.

import { z } from 'zod';
import { judgmentConfigSchema, judgmentResultSchema } from './analysis/schema';
import type { Instance, SplitEntry, TargetView, VersionHealth } from './model';
import type { JournalEvent, Release } from './release';
import type { Plan, Step } from './plan';
import type { Rule, RuleFiring } from './rule';
import type { RuleStatus } from './rules/watch';
import { gatesViewSchema, smokeReportSchema } from './gates/schemas';
import { platformDetailSchema } from './platform-detail';
import { ACTION_NAMES, type ActionName } from './release/actions';
import { actionVerdictSchema } from './release/refusal';

const platform = z.enum(['haproxy', 'kubernetes', 'ecs']);
const strategy = z.enum(['canary', 'blue-green', 'rolling']);
const phase = z.enum(['Pending', 'Progressing', 'Paused', 'Promoted', 'RolledBack', 'Failed']);
const num = z.number().finite();
const nullableNum = num.nullable();

export const targetSchema: z.ZodType<TargetView> = z.object({
  id: z.string(),
  name: z.string(),
  platform,
  address: z.string(),
  state: z.enum(['connecting', 'connected', 'unreachable']),
  message: z.string().nullable(),
  openable: z.boolean().optional(),
});

export const splitEntrySchema: z.ZodType<SplitEntry> = z.object({ version: z.string(), percent: num });
const split = z.array(splitEntrySchema);

export const instanceSchema: z.ZodType<Instance> = z.object({
  name: z.string(),
  version: z.string(),
  status: z.enum(['up', 'down', 'draining', 'maint', 'starting']),
  weight: nullableNum,
  check: z.string().nullable(),
});

export const versionHealthSchema: z.ZodType<VersionHealth> = z.object({
  version: z.string(),
  requestRate: nullableNum,
  errorRate: nullableNum,
  p50Ms: nullableNum,
  p95Ms: nullableNum,
  p99Ms: nullableNum,
  instancesReady: z.number().int(),
  instancesTotal: z.number().int(),
});

const smokeCheck = z.object({
  name: z.string(),
  url: z.string(),
  method: z.enum(['GET', 'HEAD', 'POST']),
  expectStatus: z.number().int(),
  bodyContains: z.string().nullable(),
  maxLatencyMs: nullableNum,
});

const ruleMetric = z.enum(['errorRate', 'p99Ms', 'p95Ms', 'trafficShare', 'readyRatio']);
const noDataAction = z.enum(['pause', 'rollback']);

export const ruleSchema: z.ZodType<Rule> = z.object({
  id: z.string(),
  metric: ruleMetric,
  comparison: z.enum(['>', '<']),
  threshold: num,
  sustainMs: num.min(0),
  action: z.enum(['rollback', 'pause']),
  onNoData: noDataAction.optional(),
});

export const stepSchema: z.ZodType<Step> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('setWeight'), percent: num.min(0).max(100), rules: z.array(ruleSchema).optional() }),
  z.object({ kind: z.literal('pause'), durationMs: num.min(0).nullable() }),
  z.object({
    kind: z.literal('analysis'),
    durationMs: num.min(0),
    rules: z.array(ruleSchema).optional(),
    judgment: judgmentConfigSchema.optional(),
  }),
  z.object({ kind: z.literal('smoke'), checks: z.array(smokeCheck) }),
  z.object({ kind: z.literal('switch') }),
  z.object({ kind: z.literal('retire'), delayMs: num.min(0) }),
  z.object({ kind: z.literal('mirror'), percent: num.min(0).max(100) }),
]);

export const planSchema: z.ZodType<Plan> = z.object({ strategy, steps: z.array(stepSchema), onNoData: noDataAction.optional() });

export const ruleFiringSchema: z.ZodType<RuleFiring> = z.object({
  ruleId: z.string(),
  metric: ruleMetric,
  comparison: z.enum(['>', '<']),
  threshold: num,
  sustainMs: num,
  observed: z.array(z.object({ at: num, value: num })),
  firedAt: num,
});

export const ruleStatusSchema: z.ZodType<RuleStatus> = z.object({
  ruleId: z.string(),
  rule: ruleSchema,
  state: z.enum(['ok', 'breaching', 'no-data']),
  since: nullableNum,
  value: nullableNum,
  at: nullableNum,
  lastFiring: ruleFiringSchema.nullable(),
});

export const releaseSchema: z.ZodType<Release> = z.object({
  id: z.string(),
  serviceId: z.string(),
  strategy,
  plan: planSchema,
  rules: z.array(ruleSchema),
  stable: z.string(),
  candidate: z.string(),
  phase,
  stepIndex: z.number().int().min(0),
  stepStartedAt: num,
  candidatePercent: num,
  paused: z
    .object({ by: z.enum(['operator', 'plan', 'rule']), at: num, remainingMs: nullableNum })
    .nullable(),
  reason: z.string().nullable(),
  firing: ruleFiringSchema.nullable(),
  judgments: z.array(judgmentResultSchema).optional(),
  startedAt: num,
  updatedAt: num,
  endedAt: nullableNum,
  startedBy: z.string(),
  revision: z.number().int(),
  /** Results of the last smoke step, when the plan had one (a failing check is named here). */
  smoke: smokeReportSchema.nullable().optional(),
  native: z.object({ promoting: z.boolean() }).nullable().optional(),
  mirrorPercent: num.min(0).max(100).optional(),
  request: z
    .object({
      action: z.enum(['rollback', 'promote', 'pause']),
      actor: z.string(),
      reason: z.string().nullable(),
      firing: ruleFiringSchema.nullable(),
      at: num,
      attempts: z.number().int().min(0),
      lastError: z.string().nullable(),
      retryAt: nullableNum,
    })
    .nullable()
    .optional(),
  held: z.object({ step: z.number().int().min(0), why: z.string() }).nullable().optional(),
});

export const journalEventSchema: z.ZodType<JournalEvent> = z.object({
  id: z.string().optional(),
  at: z.string(),
  actor: z.string(),
  serviceId: z.string(),
  releaseId: z.string().nullable(),
  action: z.enum(['start', 'step', 'pause', 'resume', 'promote', 'rollback', 'advance', 'auto-rollback', 'auto-pause', 'complete', 'mismatch', 'tick', 'untick', 'override']),
  stage: z.enum(['intent', 'done', 'failed', 'refused', 'note', 'interrupted']),
  reason: z.string().nullable(),
  splitBefore: split.nullable(),
  splitAfter: split.nullable(),
  step: z.number().int().nullable(),
  firing: ruleFiringSchema.nullable(),
  message: z.string().nullable(),
});

export const actionNameSchema = z.enum(ACTION_NAMES);
export type { ActionName };

export const serviceViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  targetId: z.string(),
  platform,
  strategy,
  versions: z.array(z.string()),
  stable: z.string(),
  candidate: z.string().nullable(),
  split,
  health: z.array(versionHealthSchema),
  instances: z.array(instanceSchema),
  release: releaseSchema.nullable(),
  /** Set when another process drives this service's release: this one is read-only for it. */
  drivenBy: z.string().nullable(),
  /** Why live data is missing or stale (target unreachable, split differs from the step …). */
  warning: z.string().nullable(),
  /** Pre-flight checklist, error budget and what a start would need an override for. */
  gates: gatesViewSchema.nullable().optional(),
  /** The latest canary judgment of the service's release, for the report. */
  judgment: judgmentResultSchema.nullable().optional(),
  /** Each rule watching the running release: ok, breaching since when, or no data. */
  rules: z.array(ruleStatusSchema).optional(),
  /** What the platform says beyond the split, as one typed document; absent where the platform says nothing. */
  detail: platformDetailSchema.optional(),
  /** The engine's verdict on each action now: the buttons show exactly what it would refuse, and why. */
  actions: z.record(actionNameSchema, actionVerdictSchema),
  /** Why the engine cannot carry on with the release on its own right now (it keeps trying), or null. */
  trouble: z.string().nullable().optional(),
});
export type ServiceView = z.infer<typeof serviceViewSchema>;

/** One sample of a service's live state, for the charts. t is world time in ms. */
export const seriesPointSchema = z.object({
  t: num,
  split: z.record(z.string(), num),
  errorRate: z.record(z.string(), nullableNum),
  p99Ms: z.record(z.string(), nullableNum),
});
export type SeriesPoint = z.infer<typeof seriesPointSchema>;

export const worldSchema = z.object({
  mode: z.enum(['sandbox', 'workspace']),
  workspace: z.string(),
  scenario: z.string().nullable(),
  speed: num,
  operator: z.string(),
});
export type WorldInfo = z.infer<typeof worldSchema>;

/** Whether the journal can be written (from the last append, or the start-up open), and lines that are not events. */
export const journalHealthSchema = z.object({
  /** The journal file every action is appended to. */
  path: z.string(),
  /** The last append (or, before any, the start-up open for append) succeeded. */
  writable: z.boolean(),
  /** Why it cannot be written, while it cannot. */
  error: z.string().nullable(),
  /** Wall time (ISO 8601) the current state began: the first failed write, or the write that recovered. */
  since: z.string(),
  /** Lines found at start-up that are not valid journal events (a torn last line, an edit by hand …). */
  corrupt: z.object({
    count: z.number().int().min(0),
    /** 1-based line numbers, the first 100. */
    lines: z.array(z.number().int().min(1)),
    /** The side file they were copied into (with their line numbers); null when copying failed. */
    keptIn: z.string().nullable(),
  }),
});
export type JournalHealth = z.infer<typeof journalHealthSchema>;

export const hostHealthSchema = z.object({ journal: journalHealthSchema });
export type HostHealth = z.infer<typeof hostHealthSchema>;

export const snapshotSchema = z.object({
  world: worldSchema,
  health: hostHealthSchema,
  targets: z.array(targetSchema),
  services: z.array(serviceViewSchema),
  series: z.record(z.string(), z.array(seriesPointSchema)),
  journal: z.array(journalEventSchema),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

/** Patches upsert whole entities by id and append series points and journal events. */
export const patchSchema = z.object({
  targets: z.array(targetSchema).optional(),
  services: z.array(serviceViewSchema).optional(),
  series: z.array(z.object({ serviceId: z.string(), points: z.array(seriesPointSchema) })).optional(),
  journal: z.array(journalEventSchema).optional(),
  /** Replaces the snapshot's health. */
  health: hostHealthSchema.optional(),
});
export type Patch = z.infer<typeof patchSchema>;

export const streamMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), snapshot: snapshotSchema }),
  z.object({ type: z.literal('patch'), patch: patchSchema }),
]);
export type StreamMessage = z.infer<typeof streamMessageSchema>;


export const actionRequestSchema = z
  .object({
    action: actionNameSchema,
    serviceId: z.string().min(1).max(200),
    reason: z.string().max(2000).optional(),
    /** Promote and rollback must be confirmed by the operator; main refuses them otherwise. */
    confirmed: z.boolean().optional(),
    /** Start despite unticked checklist items or a frozen error budget; needs a reason, journaled. */
    override: z.boolean().optional(),
    /** What the operator saw when asking: a release that moved on since (another step, another release) refuses it. */
    expect: z
      .object({ releaseId: z.string().max(200).optional(), stepIndex: z.number().int().min(0).optional() })
      .strict()
      .optional(),
  })
  .strict();
export type ActionRequest = z.infer<typeof actionRequestSchema>;

/** Ticks (or unticks) one item of the pre-flight checklist of a service's next release, as the operator. */
export const checklistRequestSchema = z
  .object({
    action: z.enum(['tick', 'untick']),
    serviceId: z.string().min(1).max(200),
    item: z.string().min(1).max(100),
    reason: z.string().max(2000).optional(),
  })
  .strict();
export type ChecklistRequest = z.infer<typeof checklistRequestSchema>;

/** Connects a target that waits to be opened (a Kubernetes context other than the current one). */
export const openTargetRequestSchema = z
  .object({
    action: z.literal('open'),
    targetId: z.string().min(1).max(200),
  })
  .strict();
export type OpenTargetRequest = z.infer<typeof openTargetRequestSchema>;

/** Everything `act` accepts: an operator action on a release, a checklist tick, or opening a target. */
export const controlRequestSchema = z.discriminatedUnion('action', [actionRequestSchema, checklistRequestSchema, openTargetRequestSchema]);
export type ControlRequest = z.infer<typeof controlRequestSchema>;

export function isChecklistRequest(request: ControlRequest): request is ChecklistRequest {
  return request.action === 'tick' || request.action === 'untick';
}

export function isOpenTargetRequest(request: ControlRequest): request is OpenTargetRequest {
  return request.action === 'open';
}

/**
 * done: it happened. refused: not legal now (nothing moved; the message says why). failed: legal, but it did not
 * happen and nothing pursues it (nothing moved, or the split read back is in the journal). owed: legal, not done
 * yet, and pursued until it is (a Rollback, Promote or Pause whose data plane is down: see the release's request).
 */
export const actionOutcomeSchema = z.enum(['done', 'refused', 'failed', 'owed']);
export type ActionOutcome = z.infer<typeof actionOutcomeSchema>;

export const actionResultSchema = z.object({
  ok: z.boolean(),
  outcome: actionOutcomeSchema,
  message: z.string(),
  release: releaseSchema.nullable(),
});
export type ActionResult = z.infer<typeof actionResultSchema>;

export const journalQuerySchema = z
  .object({ serviceId: z.string().max(200).optional(), limit: z.number().int().min(1).max(5000).optional() })
  .strict();
export type JournalQuery = z.infer<typeof journalQuerySchema>;

/** Actions an operator must confirm in the UI before they are sent. */
export const CONFIRMED_ACTIONS: readonly ActionName[] = ['promote', 'rollback'];

/** The control room as every transport sees it. */
export interface ControlRoomApi {
  snapshot(): Promise<Snapshot>;
  act(request: ControlRequest): Promise<ActionResult>;
  journal(query: JournalQuery): Promise<JournalEvent[]>;
  /** Receives a snapshot first, then patches. Returns an unsubscribe function. */
  subscribe(listener: (message: StreamMessage) => void): () => void;
}
