// ECS targets with several AWS profiles: profiles and regions read from the shared files as the AWS CLI does,
// one target per profile × region. Never the user's real ~/.aws: the env overrides point at temp files.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAwsProfiles } from '../../adapters/ecs/profiles';
import { expandWorkspace } from '../../adapters/registry';
import { validateWorkspace, WorkspaceError } from '../../main/host/workspace-file';

const SECRET = 'wJalrXUtnFEMI-not-a-real-secret';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sy-aws-'));
  vi.stubEnv('HOME', dir);
  vi.stubEnv('AWS_CONFIG_FILE', join(dir, 'config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(dir, 'credentials'));
  writeFileSync(
    join(dir, 'config'),
    `[default]
region = eu-west-1

[profile prod]
region = us-east-1
output = json

[profile sso-dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Deployer
region = eu-central-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1

[profile no-region]
output = text
`,
  );
  writeFileSync(join(dir, 'credentials'), `[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = ${SECRET}\n\n[ci]\naws_access_key_id = AKIAEXAMPLE2\naws_secret_access_key = ${SECRET}\n`);
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

function workspace(target: Record<string, unknown>) {
  return validateWorkspace(
    {
      name: 'fleet',
      targets: [{ id: 'ecs', platform: 'ecs', region: 'us-west-2', cluster: 'web', services: [{ id: 'orders', service: 'orders', stable: 'v1', candidate: 'v2' }], ...target }],
    },
    'switchyard.yaml',
  );
}

describe('AWS profiles as ECS targets', () => {
  it('reads every profile of the config and credentials files with its region, SSO profiles included, never a secret', async () => {
    const profiles = await readAwsProfiles();
    expect([...profiles.entries()]).toEqual([
      ['ci', null],
      ['default', 'eu-west-1'],
      ['no-region', null],
      ['prod', 'us-east-1'],
      ['sso-dev', 'eu-central-1'],
    ]);
    expect(JSON.stringify([...profiles])).not.toContain(SECRET);
  });

  it('profiles: all → one target per profile in its own region (else the target region), services renamed to match', async () => {
    const expanded = await expandWorkspace(workspace({ profiles: 'all' }), 'switchyard.yaml');
    expect(expanded.targets.map((t) => [t.id, t.platform === 'ecs' ? t.profile : null, t.platform === 'ecs' ? t.region : null])).toEqual([
      ['ecs-ci-us-west-2', 'ci', 'us-west-2'],
      ['ecs-default-eu-west-1', 'default', 'eu-west-1'],
      ['ecs-no-region-us-west-2', 'no-region', 'us-west-2'],
      ['ecs-prod-us-east-1', 'prod', 'us-east-1'],
      ['ecs-sso-dev-eu-central-1', 'sso-dev', 'eu-central-1'],
    ]);
    const prod = expanded.targets[3]!;
    expect(prod).toMatchObject({ name: 'ecs (prod, us-east-1)', cluster: 'web' });
    expect(prod).not.toHaveProperty('profiles');
    expect(prod.services[0]).toMatchObject({ id: 'orders-prod-us-east-1', name: 'orders (prod, us-east-1)', service: 'orders' });
    expect(JSON.stringify(expanded)).not.toContain(SECRET);
  });

  it('a list of profiles × regions', async () => {
    const expanded = await expandWorkspace(workspace({ profiles: ['prod', 'sso-dev'], regions: ['eu-west-1', 'ap-southeast-2'] }), 'switchyard.yaml');
    expect(expanded.targets.map((t) => t.id)).toEqual(['ecs-prod-eu-west-1', 'ecs-prod-ap-southeast-2', 'ecs-sso-dev-eu-west-1', 'ecs-sso-dev-ap-southeast-2']);
  });

  it('follows AWS_CONFIG_FILE when it changes, and leaves single-profile workspaces alone', async () => {
    writeFileSync(join(dir, 'other'), '[profile staging]\nregion = sa-east-1\n');
    vi.stubEnv('AWS_CONFIG_FILE', join(dir, 'other'));
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(dir, 'none'));
    expect((await expandWorkspace(workspace({ profiles: 'all' }), 'w')).targets.map((t) => t.id)).toEqual(['ecs-staging-sa-east-1']);
    const single = workspace({ profile: 'prod' });
    expect(await expandWorkspace(single, 'w')).toBe(single);
  });

  it('refuses unknown profiles and profile together with profiles, naming the target and the files', async () => {
    await expect(expandWorkspace(workspace({ profiles: ['prod', 'nope'] }), 'switchyard.yaml')).rejects.toThrow(
      new WorkspaceError(`switchyard.yaml: target ecs: no AWS profile "nope" in ${join(dir, 'config')} or ${join(dir, 'credentials')}`),
    );
    await expect(expandWorkspace(workspace({ profile: 'prod', profiles: 'all' }), 'switchyard.yaml')).rejects.toThrow(/give either profile or profiles, not both/);
    vi.stubEnv('AWS_CONFIG_FILE', join(dir, 'missing'));
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(dir, 'missing-too'));
    await expect(expandWorkspace(workspace({ profiles: 'all' }), 'switchyard.yaml')).rejects.toThrow(/profiles: all, but there is no AWS profile in/);
  });
});
