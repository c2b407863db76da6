// The split as the data plane has it: HAProxy's own server weights (`show servers state`), not what Switchyard says.

import { cliRequest } from '../../integration/sandbox-cli';
import type { World } from './world';

/** version → percent of the backend's serving weight, rounded to a whole percent. */
export type Split = Record<string, number>;

export async function dataPlaneSplit(world: World, serviceId: string): Promise<Split> {
  const service = world.service(serviceId);
  const { hostname, port } = new URL(world.runtimeApi);
  const answer = await cliRequest({ host: hostname, port: Number(port) }, `show servers state ${service.backend}`, 5000);
  const weight = new Map<string, number>();
  for (const line of answer.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 8 || fields[1] !== service.backend) continue;
    // srv_name, srv_op_state (2 = running), srv_admin_state (0 = ready), srv_uweight
    const [name, op, admin, uweight] = [fields[3]!, Number(fields[5]), Number(fields[6]), Number(fields[7])];
    weight.set(name, op === 2 && admin === 0 ? uweight : 0);
  }
  if (weight.size === 0) throw new Error(`no servers in the answer to "show servers state ${service.backend}": ${JSON.stringify(answer)}`);
  const perVersion = Object.entries(service.versions).map(([version, servers]) => [version, servers.reduce((sum, s) => sum + (weight.get(s) ?? 0), 0)] as const);
  const total = perVersion.reduce((sum, [, w]) => sum + w, 0);
  return Object.fromEntries(perVersion.map(([version, w]) => [version, total === 0 ? 0 : Math.round((100 * w) / total)]));
}

/** The candidate's share (the workspace's candidate now: after a promote the test swaps stable and candidate). */
export async function candidatePercent(world: World, serviceId: string, candidate = world.service(serviceId).candidate!): Promise<number> {
  return (await dataPlaneSplit(world, serviceId))[candidate] ?? 0;
}
