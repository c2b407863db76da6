// The workspace (app/workspace.ts) that reaches a running sandbox world, and its YAML file.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { workspaceSchema, type Workspace } from '../../app/workspace';
import type { Scenario } from './scenario/schema';
import { backendName } from './layout';
import { sandboxEcsTargets, type SandboxEcsInputs } from './ecs/targets';
import { sandboxKubeTargets, type SandboxKubeInputs } from './kubernetes/targets';
import { blueGreenPlan } from '../../app/plans';
import { SEED_CHECKLIST } from '../../app/gates/checklist';
import { sandboxSmokeChecks } from './smoke-checks';
import { releaseKey } from '../../app/environments/key';
import type { DatabaseFields } from './database';

export interface WorkspaceInputs {
  scenarioName: string;
  scenario: Scenario;
  runtimeApi: string;
  metricsUrl: string;
  speed: number;
  epochMs: number;
  versions: Record<string, Record<string, string[]>>;
  /** The sandbox ECS endpoint and its seeded services, when the scenario has any. */
  ecs?: SandboxEcsInputs | null;
  /** The sandbox Kubernetes API server's kubeconfig and its seeded services, when the scenario has any. */
  kubernetes?: SandboxKubeInputs | null;
  /** The sandbox Unleash (the workspace's flag target), when a scenario service has flags. */
  flagTarget?: { id: string } & Record<string, unknown>;
  /** Each service's database and migrations, where the world started PostgreSQL (sandbox/world/database.ts). */
  databases?: DatabaseFields;
}

export function sandboxWorkspace(inputs: WorkspaceInputs): Workspace {
  const { scenario } = inputs;
  const ecsTargets = sandboxEcsTargets(inputs.ecs ?? null);
  const kubeTargets = sandboxKubeTargets(inputs.kubernetes ?? null);
  const environments = worldEnvironments(scenario, {
    haproxy: [HAPROXY_TARGET],
    kubernetes: kubeTargets.map((t) => (t as { id: string }).id),
    ecs: ecsTargets.map((t) => (t as { id: string }).id),
  });
  return workspaceSchema.parse({
    name: `sandbox-${inputs.scenarioName}`,
    targets: [
      {
        id: HAPROXY_TARGET,
        name: 'Sandbox HAProxy',
        platform: 'haproxy',
        runtimeApi: inputs.runtimeApi,
        services: scenario.services.map((service) => ({
          id: service.workspaceId ?? service.id,
          // A staging copy of a production service is simulated apart: the metrics source knows it by its simulated id.
          ...(service.workspaceId ? { metricsId: service.id } : {}),
          name: service.name ?? service.id,
          backend: backendName(service.id),
          strategy: service.strategy,
          stable: service.stable,
          candidate: service.candidate,
          versions: inputs.versions[service.id],
          ...(service.plan ? { plan: service.plan } : {}),
          // Blue-green candidates are smoke-tested before the switch (the seed article's checks).
          ...(!service.plan && service.strategy === 'blue-green' && service.candidate
            ? { plan: blueGreenPlan({ checks: sandboxSmokeChecks(inputs.metricsUrl, service.id, service.candidate) }) }
            : {}),
          ...(service.slo ? { slo: service.slo } : {}),
          ...(service.rules ? { rules: service.rules } : {}),
          ...(service.optional !== undefined ? { optional: service.optional } : {}),
          ...(service.flags && inputs.flagTarget ? { flags: service.flags.map((f) => ({ target: inputs.flagTarget!.id, flag: f.flag })) } : {}),
          ...(inputs.databases?.[service.id] ?? {}),
        })),
      },
      ...ecsTargets,
      ...kubeTargets,
    ],
    metrics: { type: 'sandbox', url: inputs.metricsUrl },
    ...(inputs.flagTarget ? { flagTargets: [inputs.flagTarget] } : {}),
    ...(environments ? { environments } : {}),
    ...(scenario.checklist ? { checklist: [...SEED_CHECKLIST] } : {}),
    sandbox: {
      scenario: inputs.scenarioName,
      speed: inputs.speed,
      epochMs: inputs.epochMs,
      autoStart: scenario.autoStart.map((s) => ({ serviceId: haproxyKey(scenario, s.serviceId, environments), afterMs: s.after })),
    },
  });
}

const HAPROXY_TARGET = 'sandbox-haproxy';

type EnvironmentConfig = NonNullable<Workspace['environments']>[number];

/** The scenario's environments with the world's target ids for their platforms (a platform without targets adds none). */
function worldEnvironments(scenario: Scenario, targets: Record<'haproxy' | 'kubernetes' | 'ecs', string[]>): EnvironmentConfig[] | null {
  if (!scenario.environments) return null;
  return scenario.environments
    .map(({ platforms, ...env }) => ({ ...env, targets: platforms.flatMap((p) => targets[p]) }))
    .filter((env) => env.targets.length > 0);
}

function haproxyEnvironment(environments: EnvironmentConfig[] | null): string | null {
  return environments?.find((e) => e.targets.includes(HAPROXY_TARGET))?.name ?? null;
}

/** A scenario names HAProxy services by simulated id; the workspace keys their releases by workspace id and environment. */
function haproxyKey(scenario: Scenario, simulatedId: string, environments: EnvironmentConfig[] | null): string {
  const service = scenario.services.find((s) => s.id === simulatedId);
  return releaseKey(service?.workspaceId ?? simulatedId, haproxyEnvironment(environments));
}

export async function writeWorkspaceFile(dir: string, workspace: Workspace): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'switchyard.yaml');
  const header = [
    '# Switchyard workspace for the built-in sandbox world.',
    `# Written by \`switchyard sandbox\` for scenario "${workspace.sandbox?.scenario ?? ''}" at ${new Date().toISOString()}.`,
    '# It reaches the running sandbox (HAProxy runtime-API emulator and metrics endpoint) on loopback;',
    '# the addresses change every time the sandbox starts, so this file is rewritten then.',
    '',
  ].join('\n');
  await writeFile(path, header + stringify(workspace), 'utf8');
  return path;
}
