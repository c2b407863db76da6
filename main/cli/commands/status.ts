// `switchyard status`: every service's release, split and health, as a table or JSON.

import type { CliCommand } from '../command';
import { openCommandHost, workspaceOptions, WORKSPACE_OPTIONS_HELP } from '../context';
import { formatStatusTable } from '../status-table';
import { statusRow } from '../status-rows';
import { journalNotes } from '../status-journal';
import { environmentLine } from '../environments-table';

export const statusCommand: CliCommand = {
  name: 'status',
  summary: 'show every service: versions, release phase, step, split, error rate and P99',
  usage: `switchyard status [--json] [--workspace PATH]

      --json             print the rows as JSON
${WORKSPACE_OPTIONS_HELP}`,
  options: { ...workspaceOptions, json: { type: 'boolean' } },
  positionals: [],
  async run(args, io) {
    // Read once: status acts on nothing, so no platform keeps a live view (no Kubernetes watches).
    const host = await openCommandHost(args, io, { readOnce: true });
    try {
      const snapshot = await host.api.snapshot();
      const rows = snapshot.services.map(statusRow);
      if (args.values.json) {
        io.out(JSON.stringify({ workspace: snapshot.world.workspace, journal: snapshot.health.journal, targets: snapshot.targets, environments: snapshot.environments, services: rows }, null, 2));
      } else {
        io.out(formatStatusTable(rows));
        for (const t of snapshot.targets.filter((t) => t.state !== 'connected')) {
          io.out(`target ${t.name} (${t.address}): ${t.state}${t.message ? `: ${t.message}` : ''}`);
        }
        for (const note of journalNotes(snapshot.health.journal)) io.out(note);
        // A stopped line is news: every frozen environment is named with who stopped it and why.
        for (const env of snapshot.environments.filter((e) => e.frozen)) io.out(`environment ${environmentLine(env)}`);
      }
      return 0;
    } finally {
      await host.close();
    }
  },
};
