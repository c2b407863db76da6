// Asking for an action: promote and rollback go through the confirmation dialog, the rest are sent at once.

import { useCallback } from 'react';
import type { ActionName } from '../../app/api';
import { useApi } from '../api-context';
import { buildRequest, runAction } from '../state/actions';
import { isPending, useUi } from '../state/ui-store';

export function useOperatorAction(): {
  request(action: ActionName, serviceId: string): void;
  send(action: ActionName, serviceId: string, reason?: string): Promise<void>;
} {
  const api = useApi();
  const send = useCallback(
    async (action: ActionName, serviceId: string, reason?: string) => {
      await runAction(api, buildRequest(action, serviceId, reason), useUi.getState());
    },
    [api],
  );
  const request = useCallback(
    (action: ActionName, serviceId: string) => {
      const ui = useUi.getState();
      if (isPending(ui.pending, action, serviceId)) return;
      if (action === 'promote' || action === 'rollback') ui.openConfirm(action, serviceId);
      else void send(action, serviceId);
    },
    [send],
  );
  return { request, send };
}
