// Asking for an action as the engine's verdict says: refused ones say why, those it asks to confirm open the dialog,
// the rest are sent at once; each carries the release and step the operator saw.

import { useCallback } from 'react';
import type { ActionName } from '../../app/api';
import { useApi } from '../api-context';
import { press } from '../domain/action-offer';
import { buildRequest, runAction, type Asked } from '../state/actions';
import { useServer } from '../state/server-store';
import { isPending, useUi } from '../state/ui-store';

export function useOperatorAction(): {
  request(action: ActionName, serviceId: string): void;
  send(action: ActionName, serviceId: string, asked?: Asked): Promise<void>;
} {
  const api = useApi();
  const send = useCallback(
    async (action: ActionName, serviceId: string, asked?: Asked) => {
      await runAction(api, buildRequest(action, serviceId, asked), useUi.getState());
    },
    [api],
  );
  const request = useCallback(
    (action: ActionName, serviceId: string) => {
      const ui = useUi.getState();
      if (isPending(ui.pending, action, serviceId)) return;
      const service = useServer.getState().services[serviceId];
      if (service === undefined) return;
      const pressed = press(service, action);
      if (pressed.kind === 'refused') ui.setMessage({ kind: 'status', text: pressed.text, serviceId, action });
      else if (pressed.kind === 'confirm') ui.openConfirm({ action: pressed.action, serviceId, expect: pressed.expect });
      else void send(action, serviceId, { expect: pressed.expect });
    },
    [send],
  );
  return { request, send };
}
