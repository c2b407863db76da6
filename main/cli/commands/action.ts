// The operator actions from the command line: one short host, one action, the outcome, an exit code.

import type { ActionName } from '../../../app/api';
import { stringOption, type CliCommand } from '../command';
import { openCommandHost, workspaceOptions, WORKSPACE_OPTIONS_HELP } from '../context';
import { UsageError } from '../io';

const SUMMARY: Record<ActionName, string> = {
  start: "start a release of the service's candidate version",
  step: 'advance the release to its next step now',
  pause: 'pause the release',
  resume: 'resume a paused release',
  promote: 'send all traffic to the candidate and finish the release',
  rollback: 'send all traffic back to the stable version at once',
};

/** An action waits longer than `status` for its target: it needs the target (and its discovery) to act at all. */
const ACTION_WAIT_MS = 15_000;

export function actionCommand(action: ActionName): CliCommand {
  return {
    name: action,
    summary: SUMMARY[action],
    usage: `switchyard ${action} <service> [--reason TEXT] [--workspace PATH] [--operator NAME]

      --reason TEXT      why (written into the journal)
${action === 'start' ? '      --override         start despite an unticked checklist or a frozen error budget (needs --reason)\n' : ''}${WORKSPACE_OPTIONS_HELP}`,
    options: { ...workspaceOptions, reason: { type: 'string' }, ...(action === 'start' ? { override: { type: 'boolean' as const } } : {}) },
    positionals: ['service'],
    async run(args, io) {
      const serviceId = args.positionals[0] ?? '';
      // Only the service's own target is reached: a target that does not answer never holds an action elsewhere.
      const host = await openCommandHost(args, io, { forService: serviceId, startWaitMs: ACTION_WAIT_MS });
      try {
        const snapshot = await host.api.snapshot();
        if (!snapshot.services.some((s) => s.id === serviceId)) {
          const configured = host.workspace.targets.flatMap((t) => t.services.map((s) => s.id));
          const known = [...new Set([...configured, ...snapshot.services.map((s) => s.id)])].join(', ');
          throw new UsageError(`unknown service "${serviceId}" in ${snapshot.world.workspace} (services: ${known})`);
        }
        const reason = stringOption(args, 'reason');
        // Typing `switchyard promote` / `rollback` is the confirmation.
        const result = await host.api.act({
          action,
          serviceId,
          ...(reason !== undefined ? { reason } : {}),
          ...(action === 'promote' || action === 'rollback' ? { confirmed: true } : {}),
          ...(args.values.override === true ? { override: true } : {}),
        });
        if (!result.ok) {
          io.err(`switchyard ${action} ${serviceId}: refused: ${result.message}`);
          return 1;
        }
        io.out(result.message);
        const view = (await host.api.snapshot()).services.find((s) => s.id === serviceId);
        if (view && view.split.length > 0) io.out(`split now: ${view.split.map((s) => `${s.version} ${Math.round(s.percent)}%`).join(', ')}`);
        return 0;
      } finally {
        await host.close();
      }
    },
  };
}
