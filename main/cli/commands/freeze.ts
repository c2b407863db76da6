// `switchyard freeze|unfreeze ENV --reason …`: stop the line in an environment (running releases pause, starts are
// refused) and lift it; both journaled.

import { stringOption, type CliCommand } from '../command';
import { dataDir, openCommandHost, workspaceOptions, workspacePath, WORKSPACE_OPTIONS_HELP } from '../context';
import { checkedEnvironment } from '../release-key';
import { UsageError } from '../io';

export function freezeCommand(action: 'freeze' | 'unfreeze'): CliCommand {
  const freezing = action === 'freeze';
  return {
    name: action,
    summary: freezing
      ? 'stop the line in an environment: its running releases pause and nothing starts until it is unfrozen'
      : 'lift the stop of an environment: releases may start again (paused ones stay paused until resumed)',
    usage: `switchyard ${action} <environment> --reason TEXT [--workspace PATH] [--operator NAME]

      --reason TEXT      why (required; written into the journal)
${WORKSPACE_OPTIONS_HELP}`,
    options: { ...workspaceOptions, reason: { type: 'string' } },
    positionals: ['environment'],
    async run(args, io) {
      const environment = args.positionals[0] ?? '';
      const reason = stringOption(args, 'reason');
      if (!reason?.trim()) throw new UsageError(`${action} needs --reason (it goes into the journal)`);
      const [{ loadWorkspaceFile }, { workspaceCacheDir }] = await Promise.all([import('../../host/workspace-file'), import('../../host/state-dir')]);
      // A misspelt environment is a usage error, found before any target is reached.
      checkedEnvironment(await loadWorkspaceFile(workspacePath(args, io), { cacheDir: workspaceCacheDir(dataDir(io)) }), environment);
      const host = await openCommandHost(args, io);
      try {
        const result = await host.api.act({ action, environment, reason });
        if (!result.ok) {
          io.err(`switchyard ${action} ${environment}: ${result.outcome}: ${result.message}`);
          return 1;
        }
        io.out(result.message);
        return 0;
      } finally {
        await host.close();
      }
    },
  };
}
