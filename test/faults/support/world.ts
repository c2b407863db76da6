// The sandbox world as its own process (`switchyard sandbox --no-drive`): the data plane a case can freeze and thaw.

import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { Plan } from '../../../app/plan';
import type { Release } from '../../../app/release';
import type { Rule } from '../../../app/rule';
import { CLI, Proc } from './processes';

interface ServiceYaml {
  id: string;
  backend: string;
  stable: string;
  candidate: string | null;
  versions: Record<string, string[]>;
  plan?: Plan;
  rules?: Rule[];
}

export interface World {
  root: string;
  dataDir: string;
  workspacePath: string;
  secretFile: string;
  secret: string;
  /** tcp://127.0.0.1:PORT of the HAProxy runtime API emulator. */
  runtimeApi: string;
  proc: Proc;
  /** The environment every switchyard process of this world runs with. */
  env(extra?: Record<string, string>): Record<string, string>;
  service(serviceId: string): ServiceYaml;
  /** Rewrites the workspace file's entry for the service (a plan, or stable and candidate swapped after a promote). */
  configure(serviceId: string, change: Partial<Pick<ServiceYaml, 'plan' | 'rules' | 'stable' | 'candidate'>>): void;
  /** `<data>/workspaces/<name>-<hash>`: journal.jsonl, releases/, locks/ (exists once a host has run). */
  stateDir(): string;
  /** The service's release as saved on disk, or null. */
  savedRelease(serviceId: string): Release | null;
  /** kill -STOP: every emulator stops answering (connections are still accepted by the kernel). */
  freeze(): void;
  thaw(): void;
  stop(): Promise<void>;
}

export async function startWorld(options: { speed: number; scenario?: string }): Promise<World> {
  const root = mkdtempSync(join(tmpdir(), 'sy-faults-'));
  const dataDir = join(root, 'data');
  const worldDir = join(root, 'world');
  const workspacePath = join(worldDir, 'switchyard.yaml');
  const env = (extra: Record<string, string> = {}) => ({ SWITCHYARD_DATA_DIR: dataDir, SWITCHYARD_OPERATOR: 'dana', ...extra });
  const proc = new Proc('switchyard sandbox', CLI, ['sandbox', '--no-drive', '--dir', worldDir, '--speed', String(options.speed), '--scenario', options.scenario ?? 'calm'], env(), root);
  try {
    await proc.waitFor(/not driving releases/, 30_000);
  } catch (error) {
    await proc.stop();
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  const secret = `fault-suite-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const secretFile = join(root, 'webhook.secret');
  writeFileSync(secretFile, `${secret}\n`);
  chmodSync(secretFile, 0o600);

  const readWorkspace = () => parse(readFileSync(workspacePath, 'utf8')) as { targets: { platform: string; runtimeApi?: string; services: ServiceYaml[] }[] };
  const haproxy = () => readWorkspace().targets.find((t) => t.platform === 'haproxy')!;
  const stateDir = () => {
    const workspaces = join(dataDir, 'workspaces');
    return join(workspaces, readdirSync(workspaces)[0]!);
  };
  return {
    root,
    dataDir,
    workspacePath,
    secretFile,
    secret,
    runtimeApi: haproxy().runtimeApi!,
    proc,
    env,
    service(serviceId) {
      const found = haproxy().services.find((s) => s.id === serviceId);
      if (!found) throw new Error(`no HAProxy service ${serviceId} in ${workspacePath}`);
      return found;
    },
    configure(serviceId, change) {
      const doc = readWorkspace();
      const service = doc.targets.find((t) => t.platform === 'haproxy')!.services.find((s) => s.id === serviceId)!;
      Object.assign(service, change);
      writeFileSync(workspacePath, stringify(doc));
    },
    stateDir,
    savedRelease(serviceId) {
      try {
        return JSON.parse(readFileSync(join(stateDir(), 'releases', `${serviceId}.json`), 'utf8')) as Release;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    freeze: () => void proc.child.kill('SIGSTOP'),
    thaw: () => void proc.child.kill('SIGCONT'),
    async stop() {
      await proc.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
