// Global keydown → operator action on the selected service (or moving the selection with j / k).

import { useEffect } from 'react';
import { shortcutCommand } from '../domain/shortcuts';
import { useServer } from '../state/server-store';
import { useUi } from '../state/ui-store';
import { useOperatorAction } from './useOperatorAction';

export function useShortcuts(): void {
  const { request } = useOperatorAction();
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented) return;
      const ui = useUi.getState();
      if (ui.confirm !== null) return;
      const command = shortcutCommand(event, event.target as HTMLElement | null);
      if (command === null) return;
      const { services, serviceIds } = useServer.getState();
      if (command === 'next-service' || command === 'previous-service') {
        const at = ui.selectedServiceId === null ? -1 : serviceIds.indexOf(ui.selectedServiceId);
        const next = serviceIds[Math.min(serviceIds.length - 1, Math.max(0, at + (command === 'next-service' ? 1 : -1)))];
        if (next !== undefined) ui.select(next);
        event.preventDefault();
        return;
      }
      const service = ui.selectedServiceId === null ? undefined : services[ui.selectedServiceId];
      if (service === undefined) return;
      event.preventDefault();
      // The same path as the button: a refused action says why, one the engine asks to confirm opens the dialog.
      request(command, service.id);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [request]);
}
