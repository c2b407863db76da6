// `switchyard kill-switch SERVICE --flag F --yes`: turn one of the service's feature flags off in its environment.

import { KILL_SWITCH } from '../../../app/release/actions';
import { stringOption, type CliCommand } from '../command';
import { openCommandHost, workspaceOptions, WORKSPACE_OPTIONS_HELP } from '../context';
import { UsageError } from '../io';

const ACTION_WAIT_MS = 15_000;

export const killSwitchCommand: CliCommand = {
  name: KILL_SWITCH.action,
  summary: KILL_SWITCH.summary,
  usage: `switchyard kill-switch <service> --flag NAME --yes [--reason TEXT] [--workspace PATH] [--operator NAME]

      --flag NAME        the flag to turn off (one the service names under flags:)
      --yes              confirm: every user of the service leaves the flag's new path
      --reason TEXT      why (written into the journal)
${WORKSPACE_OPTIONS_HELP}`,
  options: { ...workspaceOptions, flag: { type: 'string' }, yes: { type: 'boolean' }, reason: { type: 'string' } },
  positionals: ['service'],
  async run(args, io) {
    const serviceId = args.positionals[0] ?? '';
    const flag = stringOption(args, 'flag');
    if (!flag) throw new UsageError('kill-switch: --flag NAME is required');
    if (args.values.yes !== true) throw new UsageError(`kill-switch: add --yes to confirm turning ${flag} off for every user of ${serviceId}`);
    const host = await openCommandHost(args, io, { forService: serviceId, startWaitMs: ACTION_WAIT_MS });
    try {
      const reason = stringOption(args, 'reason');
      const result = await host.api.act({ action: 'kill-switch', serviceId, flag, confirmed: true, ...(reason !== undefined ? { reason } : {}) });
      if (!result.ok) {
        io.err(`switchyard kill-switch ${serviceId}: ${result.outcome}: ${result.message}`);
        return 1;
      }
      io.out(result.message);
      return 0;
    } finally {
      await host.close();
    }
  },
};
