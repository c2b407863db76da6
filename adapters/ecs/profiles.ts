// ECS targets that name several AWS profiles (`profiles: all` or a list) → one target per profile × region.
// Profiles and their regions are read from the shared config and credentials files as the AWS CLI reads them
// (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, `[profile x]` and `[default]`); only names and regions leave
// this file: credentials stay with the SDK, which resolves them (SSO included) when a target first connects.

import { join } from 'node:path';
import { getHomeDir, loadSharedConfigFiles } from '@smithy/core/config';
import { WorkspaceError } from '../../app/workspace';
import type { ExpandContext } from '../platform-module';
import type { EcsTargetConfig } from './target-schema';

/** Profile name → its region in the config file (null when it names none). */
export type AwsProfiles = Map<string, string | null>;

const NOT_PROFILES = /^(sso-session|services)\./;

export function sharedFilePaths(env: NodeJS.ProcessEnv = process.env): { config: string; credentials: string } {
  return {
    config: env.AWS_CONFIG_FILE ?? join(getHomeDir(), '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE ?? join(getHomeDir(), '.aws', 'credentials'),
  };
}

/** Every profile of the config and credentials files, sorted, with its region; SSO profiles are profiles too. */
export async function readAwsProfiles(): Promise<AwsProfiles> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const profiles: AwsProfiles = new Map();
  const names = [...Object.keys(configFile).filter((name) => !NOT_PROFILES.test(name)), ...Object.keys(credentialsFile)];
  for (const name of [...new Set(names)].sort()) {
    profiles.set(name, configFile[name]?.region ?? credentialsFile[name]?.region ?? null);
  }
  return profiles;
}

function idPart(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '-');
}

function expandTarget(target: EcsTargetConfig, profiles: AwsProfiles, label: string): EcsTargetConfig[] {
  const where = `${label}: target ${target.id}`;
  if (target.profile) throw new WorkspaceError(`${where}: give either profile or profiles, not both`);
  const paths = sharedFilePaths();
  const files = `${paths.config} or ${paths.credentials}`;
  const wanted = target.profiles === 'all' ? [...profiles.keys()] : [...new Set(target.profiles)];
  if (wanted.length === 0) throw new WorkspaceError(`${where}: profiles: all, but there is no AWS profile in ${files}`);
  const unknown = wanted.filter((name) => !profiles.has(name));
  if (unknown.length > 0) throw new WorkspaceError(`${where}: no AWS profile ${unknown.map((n) => `"${n}"`).join(', ')} in ${files}`);
  const { profiles: _all, regions, ...base } = target;
  return wanted.flatMap((profile) =>
    (regions ?? [profiles.get(profile) ?? target.region]).map((region) => {
      const suffix = `${idPart(profile)}-${region}`;
      const id = `${target.id}-${suffix}`;
      if (id.length > 63) throw new WorkspaceError(`${where}: the target id ${id} for profile "${profile}" is longer than 63 characters; shorten the target's id`);
      return {
        ...base,
        id,
        name: `${target.name ?? target.id} (${profile}, ${region})`,
        profile,
        region,
        services: target.services.map((service) => ({ ...service, id: `${service.id}-${suffix}`, name: `${service.name ?? service.id} (${profile}, ${region})` })),
      };
    }),
  );
}

/** A target with `profiles` → one target per profile × region; null for a target of one profile. The files are read only then. */
export async function expandEcsProfiles(target: EcsTargetConfig, { label }: ExpandContext): Promise<EcsTargetConfig[] | null> {
  if (!target.profiles) return null;
  return expandTarget(target, await readAwsProfiles(), label);
}
