// A FlagStore over one Unleash project environment: reads a flag's state there, changes it, and reads every change back.

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { FlagState } from '../../app/flags/model';
import { FlagError, type FlagStore } from '../../app/ports';
import { adminCall, type UnleashConnection } from './admin-api';
import { eventsSchema, featureSchema, gradualRollout, rolloutPercent, strategySchema, stringParam } from './answers';
import type { UnleashTargetConfig } from './target-schema';

/** Each Admin API call's own deadline; the host's deadlines wrap whole operations. */
const CALL_TIMEOUT_MS = 5000;

export function readToken(target: UnleashTargetConfig, env: Record<string, string | undefined>): { token: string | null; problem: string | null } {
  if (target.tokenEnv !== undefined) {
    const token = env[target.tokenEnv]?.trim() ?? '';
    return token ? { token, problem: null } : { token: null, problem: `the admin token variable ${target.tokenEnv} is not set` };
  }
  try {
    const token = readFileSync(target.tokenFile ?? '', 'utf8').split('\n')[0]?.trim() ?? '';
    return token ? { token, problem: null } : { token: null, problem: `the admin token file ${target.tokenFile} is empty` };
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { token: null, problem: `the admin token file ${target.tokenFile} cannot be read (${code ?? 'error'})` };
  }
}

export class UnleashFlagStore implements FlagStore {
  readonly targetId: string;
  private readonly conn: UnleashConnection;

  constructor(
    private readonly target: UnleashTargetConfig,
    env: Record<string, string | undefined>,
    timeoutMs = CALL_TIMEOUT_MS,
  ) {
    this.targetId = target.id;
    const { token, problem } = readToken(target, env);
    this.conn = { targetId: target.id, url: new URL(target.url).origin, token, tokenProblem: problem, timeoutMs };
  }

  async read(flag: string): Promise<FlagState> {
    const feature = featureSchema.parse(await adminCall(this.conn, 'GET', this.featurePath(flag)));
    const environment = feature.environments.find((e) => e.name === this.target.environment);
    if (!environment) throw new FlagError(`${this.where(flag)}: the flag has no environment "${this.target.environment}"`, this.targetId);
    const rollout = gradualRollout(environment.strategies);
    const last = await this.lastChange(flag);
    return {
      flag,
      targetId: this.targetId,
      environment: this.target.environment,
      enabled: environment.enabled,
      percent: rolloutPercent(rollout),
      stickiness: stringParam(rollout, 'stickiness'),
      groupId: stringParam(rollout, 'groupId'),
      changedBy: last?.createdBy ?? null,
      changedAt: last?.createdAt ?? null,
    };
  }

  async setPercent(flag: string, percent: number): Promise<FlagState> {
    if (!Number.isFinite(percent) || percent < 0 || percent > 100) throw new FlagError(`${this.where(flag)}: ${percent}% is not a percentage`, this.targetId);
    const rollout = String(Math.round(percent));
    const strategies = z.array(strategySchema).parse(await adminCall(this.conn, 'GET', `${this.envPath(flag)}/strategies`));
    const existing = gradualRollout(strategies);
    if (existing) {
      const { id, name, title, disabled, constraints, variants, segments, parameters } = existing;
      const body = { name, title: title ?? null, disabled: disabled ?? false, constraints, variants, segments, parameters: { ...parameters, rollout } };
      await adminCall(this.conn, 'PUT', `${this.envPath(flag)}/strategies/${encodeURIComponent(id)}`, body);
    } else {
      const parameters = { rollout, stickiness: 'default', groupId: flag };
      await adminCall(this.conn, 'POST', `${this.envPath(flag)}/strategies`, { name: 'flexibleRollout', constraints: [], parameters });
    }
    const state = await this.read(flag);
    if (state.percent !== Number(rollout)) throw this.mismatch(flag, `${rollout}%`, state);
    return state;
  }

  async setEnabled(flag: string, enabled: boolean): Promise<FlagState> {
    await adminCall(this.conn, 'POST', `${this.envPath(flag)}/${enabled ? 'on' : 'off'}`);
    const state = await this.read(flag);
    if (state.enabled !== enabled) throw this.mismatch(flag, enabled ? 'on' : 'off', state);
    return state;
  }

  async close(): Promise<void> {
    // fetch keeps no connection of ours open.
  }

  private mismatch(flag: string, asked: string, state: FlagState): FlagError {
    const has = `${state.enabled ? 'on' : 'off'}, ${state.percent === null ? 'no gradual rollout' : `${state.percent}%`}`;
    return new FlagError(`${this.where(flag)}: asked for ${asked}, but the server has ${has}`, this.targetId, state);
  }

  /** Who changed the flag last in this environment (or on the flag itself); null when the server does not say. */
  private async lastChange(flag: string): Promise<{ createdBy: string | null; createdAt: string | null } | null> {
    try {
      const answer = eventsSchema.parse(await adminCall(this.conn, 'GET', `api/admin/events?feature=${encodeURIComponent(flag)}`));
      const event = answer.events.find((e) => !e.environment || e.environment === this.target.environment);
      return event ? { createdBy: event.createdBy ?? null, createdAt: event.createdAt ?? null } : null;
    } catch {
      // The flag's state was read; who changed it last is a nicety the server may not offer.
      return null;
    }
  }

  private where(flag: string): string {
    return `Unleash at ${this.conn.url}, flag ${flag} in ${this.target.project}/${this.target.environment}`;
  }

  private featurePath(flag: string): string {
    return `api/admin/projects/${encodeURIComponent(this.target.project)}/features/${encodeURIComponent(flag)}`;
  }

  private envPath(flag: string): string {
    return `${this.featurePath(flag)}/environments/${encodeURIComponent(this.target.environment)}`;
  }
}
