// `switchyard environments`: what runs where — the matrix of services × environments, as a table or JSON.

import { environmentMatrix } from '../../../app/environments/matrix';
import type { Snapshot } from '../../../app/api';
import type { CliCommand } from '../command';
import { openCommandHost, workspaceOptions, WORKSPACE_OPTIONS_HELP } from '../context';
import { formatEnvironmentsTable } from '../environments-table';

export const environmentsCommand: CliCommand = {
  name: 'environments',
  summary: 'show what runs where: every service in every environment, ahead of or behind the previous one',
  usage: `switchyard environments [--json] [--workspace PATH]

      --json             print the environments and the matrix as JSON
${WORKSPACE_OPTIONS_HELP}`,
  options: { ...workspaceOptions, json: { type: 'boolean' } },
  positionals: [],
  async run(args, io) {
    const host = await openCommandHost(args, io, { readOnce: true });
    try {
      const snapshot = await host.api.snapshot();
      if (snapshot.environments.length === 0) {
        io.err(`${snapshot.world.workspace} has no environments; list them under "environments:" in the workspace`);
        return 1;
      }
      const rows = environmentMatrix(snapshot.environments, snapshot.services);
      if (args.values.json) io.out(JSON.stringify({ workspace: snapshot.world.workspace, environments: snapshot.environments, services: rows }, null, 2));
      else io.out(formatEnvironmentsTable(snapshot.environments, rows, worldNow(snapshot)));
      return 0;
    } finally {
      await host.close();
    }
  },
};

/** The world's time: its latest sample, or the wall clock for a workspace (a sandbox world may run faster); null: unknown. */
function worldNow(snapshot: Snapshot): number | null {
  const sampled = Object.values(snapshot.series).flatMap((points) => (points.length > 0 ? [points[points.length - 1]!.t] : []));
  if (sampled.length > 0) return Math.max(...sampled);
  return snapshot.world.mode === 'workspace' ? Date.now() : null;
}
