// The layer rules of DESIGN.md are enforced by lint: crossing one is an error, not a review comment.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function errorsFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.message);
}

describe('layer boundaries', () => {
  it('refuses Node built-ins, electron and lower layers in the renderer', async () => {
    expect(await errorsFor('renderer/probe.ts', "import { readFile } from 'node:fs';\nexport const a = readFile;\n")).not.toEqual([]);
    expect(await errorsFor('renderer/probe.ts', "import { app } from 'electron';\nexport const a = app;\n")).not.toEqual([]);
    for (const layer of ['adapters/haproxy/platform', 'main/host/host', 'sandbox/index']) {
      expect(await errorsFor('renderer/probe.ts', `import * as x from '../${layer}';\nexport const a = x;\n`)).not.toEqual([]);
    }
  });

  it('refuses I/O in app/', async () => {
    expect(await errorsFor('app/probe.ts', "import net from 'node:net';\nexport const a = net;\n")).not.toEqual([]);
    expect(await errorsFor('app/probe.ts', "export const a = () => fetch('http://x');\n")).not.toEqual([]);
    expect(await errorsFor('app/probe.ts', 'export const a = () => setTimeout(() => 0, 1);\n')).not.toEqual([]);
  });

  it('refuses imports of main/ or renderer/ from below', async () => {
    expect(await errorsFor('adapters/probe.ts', "import * as x from '../main/host/host';\nexport const a = x;\n")).not.toEqual([]);
    expect(await errorsFor('sandbox/probe.ts', "import * as x from '../renderer/main';\nexport const a = x;\n")).not.toEqual([]);
    expect(await errorsFor('app/probe.ts', "import * as x from '../main/host/host';\nexport const a = x;\n")).not.toEqual([]);
  });

  it('keeps the sandbox emulators free of Switchyard, and main/ on the sandbox entry', async () => {
    const said = (pattern: RegExp) => expect.arrayContaining([expect.stringMatching(pattern)]);
    for (const layer of ['app/ports', 'main/host/host', 'adapters/haproxy/platform']) {
      expect(await errorsFor('sandbox/emulators/probe.ts', `import type * as x from '../../${layer}';\nexport type A = typeof x;\n`)).toEqual(said(/emulators import nothing of Switchyard/));
    }
    expect(await errorsFor('sandbox/emulators/kubernetes/probe.ts', "import * as x from '../../world/start';\nexport const a = x;\n")).toEqual(said(/do not know the demo world/));
    expect(await errorsFor('main/probe.ts', "import * as x from '../sandbox/emulators/clock';\nexport const a = x;\n")).toEqual(said(/through its public entry/));
    expect(await errorsFor('main/host/probe.ts', "import * as x from '../../sandbox/world/start';\nexport const a = x;\n")).toEqual(said(/through its public entry/));
  });

  it('refuses deep imports from main/ into the internals of adapters/ and sandbox/', async () => {
    for (const inside of ['adapters/kubernetes/platform', 'adapters/platform-module', 'adapters/ecs/profiles', 'sandbox/emulators/haproxy/emulator']) {
      expect(await errorsFor('main/host/probe.ts', `import * as x from '../../${inside}';\nexport const a = x;\n`)).not.toEqual([]);
    }
    for (const door of ['adapters/registry', 'sandbox/index', 'sandbox/clock']) {
      expect(await errorsFor('main/host/probe.ts', `import * as x from '../../${door}';\nexport const a = x;\n`)).toEqual([]);
    }
    for (const door of ['adapters/kubernetes/index', 'adapters/haproxy/index']) {
      expect(await errorsFor('main/cli/probe.ts', `import * as x from '../../${door}';\nexport const a = x;\n`)).toEqual([]);
    }
  });

  it('keeps main/host free of any platform: it reaches adapters/ through the registry only', async () => {
    const said = (pattern: RegExp) => expect.arrayContaining([expect.stringMatching(pattern)]);
    for (const platform of ['adapters/postgres/index', 'adapters/kubernetes/index', 'adapters/ecs/index']) {
      expect(await errorsFor('main/host/probe.ts', `import * as x from '../../${platform}';\nexport const a = x;\n`)).toEqual(said(/names no platform/));
    }
  });

  it('allows what the layers may use', async () => {
    expect(await errorsFor('renderer/probe.ts', "import type { Snapshot } from '../app/api';\nexport type A = Snapshot;\n")).toEqual([]);
    expect(await errorsFor('main/probe.ts', "import { readFile } from 'node:fs';\nexport const a = readFile;\n")).toEqual([]);
    expect(await errorsFor('main/host/probe.ts', "import { WorldClock } from '../../sandbox/index';\nexport const a = WorldClock;\n")).toEqual([]);
    expect(await errorsFor('sandbox/world/probe.ts', "import type { Plan } from '../../app/plan';\nexport type A = Plan;\n")).toEqual([]);
    expect(await errorsFor('sandbox/emulators/probe.ts', "import type { Clock } from './clock';\nexport type A = Clock;\n")).toEqual([]);
  });
});
