// A sandbox world in a process of its own, so the bench can measure its CPU apart from the host's:
// `node out/bench/scale-world.cjs --dir DIR [--scenario calm] [--services 250 --servers 40 --running 20]`.
// Prints "workspace: DIR/switchyard.yaml" once the world answers; SIGINT or SIGTERM stops it.

import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startSandbox } from '../../sandbox/index';
import { SCALE_DEFAULTS, writeScaleScenario } from './scenario';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      scenario: { type: 'string' },
      services: { type: 'string' },
      servers: { type: 'string' },
      running: { type: 'string' },
    },
  });
  if (!values.dir) throw new Error('--dir is required');
  const dir = resolve(values.dir);
  const generated = values.scenario === undefined;
  const scenariosDir = generated ? join(dir, 'scenarios') : resolve(__dirname, '../../resources/scenarios');
  const scenario = generated
    ? writeScaleScenario(scenariosDir, {
        services: Number(values.services ?? SCALE_DEFAULTS.services),
        serversPerService: Number(values.servers ?? SCALE_DEFAULTS.serversPerService),
        running: Number(values.running ?? SCALE_DEFAULTS.running),
      })
    : values.scenario!;
  const world = await startSandbox({ dir, scenariosDir, scenario, seed: 7 });
  console.log(`workspace: ${join(dir, 'switchyard.yaml')}`);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await world.stop();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`scale-world: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
