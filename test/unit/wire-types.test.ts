// Every wire type, fully populated, survives JSON and its schema unchanged: a field added to a type cannot be
// dropped silently on the wire (the fixtures' types make a new field a compile error until it is filled).

import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { environmentViewSchema } from '../../app/environments/schema';
import * as api from '../../app/api';
import { judgmentConfigSchema, judgmentResultSchema } from '../../app/analysis/types';
import { budgetViewSchema, checklistViewSchema, gatesViewSchema, smokeReportSchema } from '../../app/gates/schemas';
import { targetViewSchema } from '../../app/model';
import { platformDetailSchema } from '../../app/platform-detail';
import { owedRequestSchema } from '../../app/release/model';
import { actionVerdictSchema } from '../../app/release/refusal';
import { ruleStatusSchema } from '../../app/rules/watch';
import type { Complete } from '../fixtures/complete';
import {
  ACTION_NAMES_BY_NAME,
  ACTION_OUTCOMES,
  COMPLETE_ACTION_REQUEST,
  COMPLETE_ACTION_RESULT,
  COMPLETE_BUDGET,
  COMPLETE_CHECKLIST,
  COMPLETE_CHECKLIST_REQUEST,
  COMPLETE_DETAIL,
  COMPLETE_GATES,
  COMPLETE_HOST_HEALTH,
  COMPLETE_JOURNAL_EVENT,
  COMPLETE_JOURNAL_QUERY,
  COMPLETE_OPEN_TARGET_REQUEST,
  COMPLETE_PATCH,
  COMPLETE_PLAN,
  COMPLETE_FREEZE_REQUEST,
  COMPLETE_ENVIRONMENT,
  COMPLETE_RELEASE,
  COMPLETE_SERIES_POINT,
  COMPLETE_SERVICE_VIEW,
  COMPLETE_SNAPSHOT,
  COMPLETE_STREAM_MESSAGES,
  COMPLETE_TARGET,
  COMPLETE_WORLD,
} from '../fixtures/complete-wire';

type Fixtures<S> = S extends z.ZodType ? readonly Complete<z.output<S>>[] : never;
/** Every schema app/api.ts exports: one exported later must get its fixtures here before this compiles. */
type ApiFixtures = { [K in keyof typeof api as (typeof api)[K] extends z.ZodType ? K : never]: Fixtures<(typeof api)[K]> };

const API: ApiFixtures = {
  actionNameSchema: Object.values(ACTION_NAMES_BY_NAME),
  serviceViewSchema: [COMPLETE_SERVICE_VIEW],
  serviceMemberViewSchema: COMPLETE_SERVICE_VIEW.members,
  seriesPointSchema: [COMPLETE_SERIES_POINT],
  worldSchema: [COMPLETE_WORLD],
  journalHealthSchema: [COMPLETE_HOST_HEALTH.journal],
  hostHealthSchema: [COMPLETE_HOST_HEALTH],
  snapshotSchema: [COMPLETE_SNAPSHOT],
  patchSchema: [COMPLETE_PATCH],
  streamMessageSchema: Object.values(COMPLETE_STREAM_MESSAGES),
  actionRequestSchema: [COMPLETE_ACTION_REQUEST],
  checklistRequestSchema: [COMPLETE_CHECKLIST_REQUEST],
  openTargetRequestSchema: [COMPLETE_OPEN_TARGET_REQUEST],
  freezeRequestSchema: [COMPLETE_FREEZE_REQUEST],
  controlRequestSchema: [COMPLETE_ACTION_REQUEST, COMPLETE_CHECKLIST_REQUEST, COMPLETE_OPEN_TARGET_REQUEST, COMPLETE_FREEZE_REQUEST],
  actionOutcomeSchema: Object.values(ACTION_OUTCOMES),
  actionResultSchema: [COMPLETE_ACTION_RESULT],
  journalQuerySchema: [COMPLETE_JOURNAL_QUERY],
  planSchema: [COMPLETE_PLAN],
  stepSchema: COMPLETE_PLAN.steps,
  ruleSchema: COMPLETE_RELEASE.rules,
  journalEventSchema: [COMPLETE_JOURNAL_EVENT],
  releaseSchema: [COMPLETE_RELEASE],
};

/** The parts, each on its own as well (they also travel inside the views above). */
function part<S extends z.ZodType>(schema: S, ...fixtures: Complete<z.output<S>>[]): [z.ZodType, readonly unknown[]] {
  return [schema, fixtures];
}
const PARTS: Record<string, [z.ZodType, readonly unknown[]]> = {
  targetView: part(targetViewSchema, COMPLETE_TARGET),
  gatesView: part(gatesViewSchema, COMPLETE_GATES),
  checklistView: part(checklistViewSchema, COMPLETE_CHECKLIST),
  budgetView: part(budgetViewSchema, COMPLETE_BUDGET),
  smokeReport: part(smokeReportSchema, COMPLETE_RELEASE.smoke),
  judgmentConfig: part(judgmentConfigSchema, ...COMPLETE_PLAN.steps.flatMap((step) => (step.kind === 'analysis' ? [step.judgment] : []))),
  judgmentResult: part(judgmentResultSchema, ...COMPLETE_RELEASE.judgments),
  ruleStatus: part(ruleStatusSchema, ...COMPLETE_SERVICE_VIEW.rules),
  owedRequest: part(owedRequestSchema, COMPLETE_RELEASE.request),
  actionVerdict: part(actionVerdictSchema, ...Object.values(COMPLETE_SERVICE_VIEW.actions)),
  platformDetail: part(platformDetailSchema, COMPLETE_DETAIL),
  environmentView: part(environmentViewSchema, COMPLETE_ENVIRONMENT),
};

const overJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('wire types', () => {
  const cases = [
    ...Object.entries(API).map(([name, fixtures]) => [name, (api as unknown as Record<string, z.ZodType>)[name]!, fixtures] as const),
    ...Object.entries(PARTS).map(([name, [schema, fixtures]]) => [name, schema, fixtures] as const),
  ];

  it.each(cases)('%s: a fully populated value arrives through JSON and the schema unchanged', (_name, schema, fixtures) => {
    expect(fixtures.length).toBeGreaterThan(0);
    for (const fixture of fixtures) expect(schema.parse(overJson(fixture))).toStrictEqual(fixture);
  });
});
