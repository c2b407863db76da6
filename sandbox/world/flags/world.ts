// The sandbox's feature flags: the emulated Unleash (its Admin API on loopback), the scenario's flags seeded off in
// "production", the traffic simulator splitting requests into each flag's cohorts as the emulator's flags say.

import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UnleashEmulator } from '../../emulators/unleash/index';
import type { TrafficSimulator } from '../../emulators/traffic/simulator';
import type { ScenarioFlag } from './scenario-schema';

export const SANDBOX_FLAG_TARGET = 'sandbox-unleash';
const PROJECT = 'default';
const ENVIRONMENT = 'production';

export interface FlagWorld {
  url: string;
  tokenFile: string;
  /** The workspace's flagTargets entry. */
  target: { id: string; name: string; platform: 'unleash'; url: string; project: string; environment: string; tokenFile: string };
  close(): Promise<void>;
}

/** Null when no scenario service has flags. */
export async function startFlagWorld(opts: { simulator: TrafficSimulator; services: { id: string; flags?: ScenarioFlag[] }[]; host: string; dir: string }): Promise<FlagWorld | null> {
  const withFlags = opts.services.filter((s) => (s.flags ?? []).length > 0);
  if (withFlags.length === 0) return null;
  const token = `*:*.sandbox-${randomBytes(12).toString('hex')}`;
  const emulator = new UnleashEmulator({ adminToken: token, tokenName: 'sandbox' });
  const url = await emulator.listen(opts.host, 0);
  const tokenFile = join(opts.dir, 'unleash-token');
  await writeFile(tokenFile, `${token}\n`, { mode: 0o600 });
  const state = emulator.state;
  const read = (flag: string) => {
    try {
      const env = state.environment(PROJECT, flag, ENVIRONMENT);
      const rollout = env.strategies.find((s) => s.name === 'flexibleRollout' && !s.disabled);
      const percent = rollout ? Number(rollout.parameters['rollout']) : null;
      return { enabled: env.enabled, percent: percent !== null && Number.isFinite(percent) ? percent : null };
    } catch {
      return null;
    }
  };
  for (const service of withFlags) {
    const flags = service.flags ?? [];
    for (const f of flags) state.createFeature(PROJECT, f.flag, 'sandbox');
    opts.simulator.setFlagCohorts(
      service.id,
      flags.map((f) => ({ flag: f.flag, onErrorRate: f.onErrorRate, failsFromPercent: f.failsFrom, failingErrorRate: f.failingErrorRate })),
      read,
    );
  }
  return {
    url,
    tokenFile,
    target: { id: SANDBOX_FLAG_TARGET, name: 'Sandbox Unleash', platform: 'unleash', url, project: PROJECT, environment: ENVIRONMENT, tokenFile },
    close: () => emulator.close(),
  };
}
