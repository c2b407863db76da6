// `switchyard sandbox`: starts the built-in world, writes its workspace, and drives it until stopped.

import { join, resolve } from 'node:path';
import { packageRoot } from '../../package-root';
import { numberOption, stringOption, type CliCommand } from '../command';
import { dataDir, operator, DEFAULT_WORKSPACE } from '../context';
import { untilStopped } from '../io';

export const sandboxCommand: CliCommand = {
  name: 'sandbox',
  summary: 'run the built-in sandbox world (HAProxy emulator, traffic, scripted incidents)',
  usage: `switchyard sandbox [--scenario NAME] [--speed N] [--dir DIR] [--no-drive]

      --scenario NAME    scenario from resources/scenarios (default calm)
      --speed N          world time runs N times faster than the wall (default 1)
      --dir DIR          where to write switchyard.yaml (default <data dir>/sandbox)
      --no-drive         only run the world; let a window or \`switchyard serve\` drive releases
      --operator NAME    name written into the journal (default: your OS user name)`,
  options: {
    scenario: { type: 'string' },
    speed: { type: 'string' },
    dir: { type: 'string' },
    'no-drive': { type: 'boolean' },
    operator: { type: 'string' },
  },
  positionals: [],
  async run(args, io) {
    const dir = resolve(io.cwd ?? process.cwd(), stringOption(args, 'dir') ?? join(dataDir(io), 'sandbox'));
    const speed = numberOption(args, 'speed');
    const scenario = stringOption(args, 'scenario');
    const who = operator(args);
    // Loaded on demand: the other commands never need the sandbox world.
    const [{ startSandbox }, { createHost }] = await Promise.all([import('../../../sandbox/index'), import('../../host/host')]);
    const world = await startSandbox({
      dir,
      scenariosDir: join(packageRoot(), 'resources', 'scenarios'),
      ...(scenario !== undefined ? { scenario } : {}),
      ...(speed !== undefined ? { speed } : {}),
    });
    const workspacePath = join(dir, DEFAULT_WORKSPACE);
    let host = null;
    try {
      if (!args.values['no-drive']) {
        host = await createHost({
          workspacePath,
          workspace: world.workspace,
          operator: who,
          dataDir: dataDir(io),
          drive: true,
          kind: 'sandbox',
          onError: (error) => io.err(`switchyard: ${error instanceof Error ? error.message : String(error)}`),
        });
      }
      io.out(`sandbox world "${world.workspace.sandbox?.scenario ?? scenario ?? 'calm'}" at speed ${world.workspace.sandbox?.speed ?? speed ?? 1}`);
      for (const endpoint of world.endpoints) io.out(`  ${endpoint.name}: ${endpoint.url}`);
      io.out(`workspace: ${workspacePath}`);
      io.out(`  try: switchyard status --workspace ${JSON.stringify(workspacePath)}`);
      io.out(host ? 'driving releases here; Ctrl-C stops the world' : 'not driving releases (--no-drive); Ctrl-C stops the world');
      await untilStopped(io);
      io.out('stopping the sandbox…');
      return 0;
    } finally {
      await host?.close();
      await world.stop();
    }
  },
};
