// The operator actions from the command line: one short host, one action, the outcome, an exit code.

import type { ActionName, ActionResult } from '../../../app/api';
import { ACTIONS } from '../../../app/release/actions';
import { numberOption, stringOption, type CliCommand } from '../command';
import { dataDir, openCommandHost, workspaceOptions, workspacePath, WORKSPACE_OPTIONS_HELP } from '../context';
import { environmentsOf, releaseKeyOf } from '../release-key';
import { parseReleaseKey } from '../../../app/environments/key';
import { UsageError } from '../io';

/** Exit code of an action that is owed: not done yet, retried by whichever Switchyard drives the service. */
export const EXIT_OWED = 3;

function usageOf(action: ActionName): string {
  const lines = [
    `switchyard ${action} <service> [--environment ENV] [--reason TEXT] [--workspace PATH] [--operator NAME]`,
    ...(action === 'promote' ? [`switchyard promote <service> --to ENV [--override] [--reason TEXT]`] : []),
    '',
    '      --reason TEXT      why (written into the journal)',
    '  -e, --environment ENV  the service in this environment (needed where it runs in several)',
  ];
  if (action === 'promote') lines.push('      --to ENV           promote to the next environment: start the release of this version in ENV (as start --environment ENV)');
  if (action === 'start' || action === 'promote') lines.push('      --override         start despite an unticked checklist, a frozen error budget, the promotion rule or the release window (needs --reason)');
  else lines.push('      --expect-step N    act only if the release is still at step N (as `switchyard status` shows it)');
  if (action === 'step') lines.push('      --override         run a contract step past its closed gate (needs --reason; journaled)');
  if (ACTIONS[action].confirm === 'when-it-promotes') lines.push('      --yes              confirm when this takes the release on to 100 % on the candidate, like Promote');
  return `${lines.join('\n')}\n${WORKSPACE_OPTIONS_HELP}`;
}

/** An action waits longer than `status` for its target: it needs the target (and its discovery) to act at all. */
const ACTION_WAIT_MS = 15_000;

export function actionCommand(action: ActionName): CliCommand {
  const entry = ACTIONS[action];
  return {
    name: action,
    summary: entry.summary,
    usage: usageOf(action),
    options: {
      ...workspaceOptions,
      reason: { type: 'string' },
      environment: { type: 'string', short: 'e' },
      ...(action === 'start' ? { override: { type: 'boolean' as const } } : { 'expect-step': { type: 'string' as const } }),
      ...(action === 'promote' ? { to: { type: 'string' as const }, override: { type: 'boolean' as const } } : {}),
      ...(entry.confirm === 'when-it-promotes' ? { yes: { type: 'boolean' as const } } : {}),
      ...(action === 'step' ? { override: { type: 'boolean' as const } } : {}),
    },
    positionals: ['service'],
    async run(args, io) {
      const to = stringOption(args, 'to');
      if (to !== undefined && stringOption(args, 'environment') !== undefined) throw new UsageError('promote --to ENV names the environment; drop --environment');
      // `promote --to production` is a start in production (the promotion rule decides); without --to, a Promote here.
      const asked: ActionName = to !== undefined ? 'start' : action;
      const [{ loadWorkspaceFile }, { workspaceCacheDir }] = await Promise.all([import('../../host/workspace-file'), import('../../host/state-dir')]);
      const workspace = await loadWorkspaceFile(workspacePath(args, io), { cacheDir: workspaceCacheDir(dataDir(io)) });
      const serviceId = releaseKeyOf(workspace, args.positionals[0] ?? '', to ?? stringOption(args, 'environment'));
      // Only the service's own target is reached: a target that does not answer never holds an action elsewhere.
      const host = await openCommandHost(args, io, { forService: serviceId, startWaitMs: ACTION_WAIT_MS });
      try {
        const snapshot = await host.api.snapshot();
        if (!snapshot.services.some((s) => s.id === serviceId)) {
          const { serviceId: plain, environment } = parseReleaseKey(serviceId);
          const elsewhere = environment === null ? [] : environmentsOf(host.workspace, plain);
          if (elsewhere.length > 0) throw new UsageError(`${plain} does not run in ${environment} (it runs in ${elsewhere.join(', ')})`);
          const configured = host.workspace.targets.flatMap((t) => t.services.map((s) => s.id));
          const known = [...new Set([...configured, ...snapshot.services.map((s) => s.id)])].join(', ');
          throw new UsageError(`unknown service "${serviceId}" in ${snapshot.world.workspace} (services: ${known})`);
        }
        const reason = stringOption(args, 'reason');
        const expectStep = numberOption(args, 'expect-step');
        // Typing `switchyard promote` / `rollback` is the confirmation; a Step that promotes needs --yes.
        const confirmed = asked !== 'start' && (entry.confirm === 'always' || args.values.yes === true);
        const result = await host.api.act({
          action: asked,
          serviceId,
          ...(reason !== undefined ? { reason } : {}),
          ...(confirmed ? { confirmed: true } : {}),
          ...(args.values.override === true ? { override: true } : {}),
          ...(expectStep !== undefined ? { expect: { stepIndex: Math.round(expectStep) - 1 } } : {}),
        });
        if (!result.ok) {
          io.err(`switchyard ${action} ${serviceId}${to !== undefined ? ` (start in ${to})` : ''}: ${notDone(result)}`);
          return result.outcome === 'owed' ? EXIT_OWED : 1;
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

function notDone(result: ActionResult): string {
  switch (result.outcome) {
    case 'owed':
      return `owed: ${result.message}. It is retried until it is done by the Switchyard that drives the service (a window or \`switchyard serve\`); running this command again retries it now`;
    case 'failed':
      return `failed: ${result.message}`;
    default:
      return `refused: ${result.message}`;
  }
}
