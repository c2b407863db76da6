// The workspace (app/workspace.ts) that reaches a running sandbox world, and its YAML file.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { workspaceSchema, type Workspace } from '../app/workspace';
import type { Scenario } from './scenario/schema';
import { backendName } from './world';

export interface WorkspaceInputs {
  scenarioName: string;
  scenario: Scenario;
  runtimeApi: string;
  metricsUrl: string;
  speed: number;
  epochMs: number;
  versions: Record<string, Record<string, string[]>>;
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
          ...(service.rules ? { rules: service.rules } : {}),
          ...(service.optional !== undefined ? { optional: service.optional } : {}),
        })),
      },
    ],
    metrics: { type: 'sandbox', url: inputs.metricsUrl },
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
