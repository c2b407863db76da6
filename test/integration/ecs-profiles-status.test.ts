// A user with several AWS profiles sees each as a target: `switchyard status` against the sandbox ECS endpoint,
// with temp shared config/credentials files (never the real ~/.aws). Each target connects on its own.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TargetView } from '../../app/model';
import type { StatusRow } from '../../main/cli/status-rows';
import { WorldClock } from '../../sandbox/emulators/clock';
import { ecsScenarioSchema } from '../../sandbox/world/ecs/scenario-schema';
import { seedEcs } from '../../sandbox/world/ecs/seed';
import { EcsEndpoint } from '../../sandbox/emulators/ecs/server';
import { EcsState } from '../../sandbox/emulators/ecs/state';
import { cli } from './cli-helpers';

let dir: string;
let endpoint: EcsEndpoint;
let clock: WorldClock;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sy-ecs-profiles-'));
  for (const [name, value] of Object.entries({
    HOME: dir,
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PROFILE: undefined,
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
  })) vi.stubEnv(name, value);
  writeFileSync(
    join(dir, 'config'),
    '[default]\nregion = eu-west-1\n\n[profile prod]\nregion = us-east-1\n\n[profile sso-dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Deployer\nregion = eu-central-1\n\n[sso-session corp]\nsso_start_url = https://corp.example.awsapps.com/start\nsso_region = eu-west-1\n',
  );
  writeFileSync(join(dir, 'credentials'), '[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = not-secret-1\n\n[prod]\naws_access_key_id = AKIAPROD\naws_secret_access_key = not-secret-2\n');

  clock = new WorldClock({ speed: 60 });
  const state = new EcsState({ clock });
  seedEcs(
    state,
    ecsScenarioSchema.parse({
      clusters: [{ name: 'web', services: [{ id: 'orders', service: 'orders', strategy: 'CANARY', desiredCount: 2, image: 'registry.example/orders', stable: 'v1', versions: { v1: {} } }] }],
    }),
  );
  endpoint = new EcsEndpoint(state);
  const url = await endpoint.listen('127.0.0.1', 0);
  writeFileSync(
    join(dir, 'switchyard.yaml'),
    `name: fleet
targets:
  - id: web
    platform: ecs
    profiles: all
    region: us-west-2
    cluster: web
    endpoint: ${url}
    services:
      - id: orders
        service: orders
        stable: v1
`,
  );
});

afterEach(async () => {
  await endpoint.close();
  clock.clearAll();
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe('several AWS profiles', () => {
  it('switchyard status lists one target and one service per profile; an SSO profile without a login fails on its own', async () => {
    const run = await cli(['status', '--json'], { cwd: dir, env: { SWITCHYARD_DATA_DIR: join(dir, 'data') } });
    expect(run.code).toBe(0);
    const status = JSON.parse(run.out) as { targets: TargetView[]; services: StatusRow[] };
    expect(status.targets.map((t) => [t.id, t.name])).toEqual([
      ['web-default-eu-west-1', 'web (default, eu-west-1)'],
      ['web-prod-us-east-1', 'web (prod, us-east-1)'],
      ['web-sso-dev-eu-central-1', 'web (sso-dev, eu-central-1)'],
    ]);
    const byId = new Map(status.targets.map((t) => [t.id, t]));
    expect(byId.get('web-default-eu-west-1')).toMatchObject({ state: 'connected', address: expect.stringContaining('in eu-west-1 (profile default') });
    expect(byId.get('web-prod-us-east-1')).toMatchObject({ state: 'connected', address: expect.stringContaining('in us-east-1 (profile prod') });
    expect(byId.get('web-sso-dev-eu-central-1')?.state).toBe('unreachable');
    expect(byId.get('web-sso-dev-eu-central-1')?.message).toMatch(/profile sso-dev/);
    expect(status.services.map((s) => s.service)).toEqual(['orders-default-eu-west-1', 'orders-prod-us-east-1', 'orders-sso-dev-eu-central-1']);
    expect(run.out).not.toContain('not-secret');

    const table = await cli(['status'], { cwd: dir, env: { SWITCHYARD_DATA_DIR: join(dir, 'data') } });
    expect(table.out).toMatch(/orders-prod-us-east-1 +ecs +v1/);
    expect(table.out).toMatch(/target web \(sso-dev, eu-central-1\) .*: unreachable: .*aws sso login/);
  });
});
