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
  /** Each service's database and migrations, where the world started PostgreSQL (sandbox/world/database.ts). */
  databases?: DatabaseFields;
}

export function sandboxWorkspace(inputs: WorkspaceInputs): Workspace {
  const { scenario } = inputs;
  return workspaceSchema.parse({
    name: `sandbox-${inputs.scenarioName}`,
    targets: [
      {
        id: 'sandbox-haproxy',
        name: 'Sandbox HAProxy',
        platform: 'haproxy',
        runtimeApi: inputs.runtimeApi,
        services: scenario.services.map((service) => ({
          id: service.id,
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
          ...(inputs.databases?.[service.id] ?? {}),
        })),
      },
      ...sandboxEcsTargets(inputs.ecs ?? null),
      ...sandboxKubeTargets(inputs.kubernetes ?? null),
    ],
    metrics: { type: 'sandbox', url: inputs.metricsUrl },
    ...(scenario.checklist ? { checklist: [...SEED_CHECKLIST] } : {}),
    sandbox: {
      scenario: inputs.scenarioName,
      speed: inputs.speed,
      epochMs: inputs.epochMs,
      autoStart: scenario.autoStart.map((s) => ({ serviceId: s.serviceId, afterMs: s.after })),
    },
  });
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
