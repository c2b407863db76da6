// The control-room API, defined once: served over Electron IPC, HTTP/WebSocket and in-process.

import { serviceFlagViewSchema } from './flags/model';
import { killSwitchRequestSchema, type KillSwitchAsk } from './flags/kill-switch';
import { z } from 'zod';
import { instanceSchema, platformSchema, strategySchema, targetViewSchema, trafficSplitSchema, versionHealthSchema } from './model';
import { journalEventSchema, releaseSchema, type JournalEvent } from './release/model';
import { judgmentResultSchema } from './analysis/types';
import { ruleStatusSchema } from './rules/watch';
import { gatesViewSchema } from './gates/schemas';
import { platformDetailSchema } from './platform-detail';
import { schemaViewSchema } from './schema/model';
import { ACTION_NAMES, ACTIONS, type ActionName } from './release/actions';
import { actionExpectSchema, actionVerdictSchema } from './release/refusal';
import { environmentViewSchema } from './environments/schema';

// The wire types are declared next to their domain (model, plan, rule, release/model, analysis/types, rules/watch,
// gates/schemas, platform-detail); the contract below composes them. Re-exported for the stores, transports and
// scenario files that validate with them.
export { planSchema, stepSchema } from './plan';
export { ruleSchema } from './rule';
export { journalEventSchema, releaseSchema } from './release/model';

const num = z.number().finite();
const nullableNum = num.nullable();

export const actionNameSchema = z.enum(ACTION_NAMES);
export type { ActionName };

/** One member of a release group as the data plane has it now: its target, actual split and health. */
export const serviceMemberViewSchema = z.object({
  targetId: z.string(),
  platform: platformSchema,
  split: trafficSplitSchema,
  health: z.array(versionHealthSchema),
  /** Why this member's live data is missing or stale (its target does not answer …). */
  warning: z.string().nullable(),
});
export type ServiceMemberView = z.infer<typeof serviceMemberViewSchema>;

export const serviceViewSchema = z.object({
  /** The release key: the plain service id, or `<service>@<environment>` in a workspace with environments. */
  id: z.string(),
  /** The service's own id, the same in every environment it is in. */
  serviceId: z.string(),
  /** The environment it runs in here; null in a workspace without environments. */
  environment: z.string().nullable(),
  name: z.string(),
  targetId: z.string(),
  platform: platformSchema,
  strategy: strategySchema,
  versions: z.array(z.string()),
  stable: z.string(),
  candidate: z.string().nullable(),
  split: trafficSplitSchema,
  health: z.array(versionHealthSchema),
  instances: z.array(instanceSchema),
  release: releaseSchema.nullable(),
  /** Set when another process drives this service's release: this one is read-only for it. */
  drivenBy: z.string().nullable(),
  /** Why live data is missing or stale (target unreachable, split differs from the step …). */
  warning: z.string().nullable(),
  /** The feature flags the service names, as their flag stores have them now (enabled, percent, who changed it last). */
  flags: z.array(serviceFlagViewSchema).optional(),
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
  /**
   * A release group (the same service id on several targets): every member, in workspace order. `targetId`, `split`
   * and `health` above are the first member's. Absent for a service on one target.
   */
  members: z.array(serviceMemberViewSchema).optional(),
  /** The service's migrations (expand → migrate → contract) and its contract gate; absent without a database. */
  schema: schemaViewSchema.optional(),
});
export type ServiceView = z.infer<typeof serviceViewSchema>;

/** One sample of a service's live state, for the charts. t is world time in ms. */
export const seriesPointSchema = z.object({
  t: num,
  split: z.record(z.string(), num),
  errorRate: z.record(z.string(), nullableNum),
  p99Ms: z.record(z.string(), nullableNum),
  /** Each flag's share of users on the new path (its rollout % while on, 0 while off), for the ramp line. */
  flags: z.record(z.string(), num).optional(),
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
  targets: z.array(targetViewSchema),
  /** The workspace's environments in order, each with its stopped line and release window; empty without environments. */
  environments: z.array(environmentViewSchema),
  services: z.array(serviceViewSchema),
  series: z.record(z.string(), z.array(seriesPointSchema)),
  journal: z.array(journalEventSchema),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

/** Patches upsert whole entities by id and append series points and journal events. */
export const patchSchema = z.object({
  targets: z.array(targetViewSchema).optional(),
  services: z.array(serviceViewSchema).optional(),
  /**
   * The fields of a service view that changed since the stream last sent it (the rest are as sent): 250 services'
   * instances and verdicts are not resent every second when only their metrics moved.
   */
  serviceChanges: z.array(serviceViewSchema.partial().extend({ id: z.string() })).optional(),
  series: z.array(z.object({ serviceId: z.string(), points: z.array(seriesPointSchema) })).optional(),
  journal: z.array(journalEventSchema).optional(),
  /** Replaces the snapshot's health. */
  health: hostHealthSchema.optional(),
  /** Replaces the snapshot's environments. */
  environments: z.array(environmentViewSchema).optional(),
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
    expect: actionExpectSchema.optional(),
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

/** Stops the line in an environment (its running releases pause, starts are refused) or lifts it; journaled with the reason. */
export const freezeRequestSchema = z
  .object({
    action: z.enum(['freeze', 'unfreeze']),
    environment: z.string().min(1).max(200),
    reason: z.string().max(2000).optional(),
  })
  .strict();
export type FreezeRequest = z.infer<typeof freezeRequestSchema>;

/** Everything `act` accepts: an operator action on a release, a checklist tick, opening a target, stopping the line, or a flag's kill switch. */
export const controlRequestSchema = z.discriminatedUnion('action', [actionRequestSchema, checklistRequestSchema, openTargetRequestSchema, freezeRequestSchema, killSwitchRequestSchema]);
export type ControlRequest = z.infer<typeof controlRequestSchema>;

export function isChecklistRequest(request: ControlRequest): request is ChecklistRequest {
  return request.action === 'tick' || request.action === 'untick';
}

export function isKillSwitchRequest(request: ControlRequest): request is KillSwitchAsk {
  return request.action === 'kill-switch';
}

export function isFreezeRequest(request: ControlRequest): request is FreezeRequest {
  return request.action === 'freeze' || request.action === 'unfreeze';
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

/** Actions every transport refuses unless the operator confirmed them: they move all traffic at once (app/release/actions.ts). */
export const CONFIRMED_ACTIONS: readonly ActionName[] = ACTION_NAMES.filter((action) => ACTIONS[action].confirm === 'always');

/** The control room as every transport sees it. */
export interface ControlRoomApi {
  snapshot(): Promise<Snapshot>;
  act(request: ControlRequest): Promise<ActionResult>;
  journal(query: JournalQuery): Promise<JournalEvent[]>;
  /** Receives a snapshot first, then patches. Returns an unsubscribe function. */
  subscribe(listener: (message: StreamMessage) => void): () => void;
}
